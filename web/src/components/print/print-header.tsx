import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useCurrentUser } from '../../api/me';
import { formatTime } from '../../lib/time';

/** 打印: the browser's print dialog, on the page as the print stylesheet lays it out (A4, no menu). */
export function PrintButton() {
  return (
    <Button className="tg-no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
      打印
    </Button>
  );
}

/**
 * What a printed record carries above its content and only on paper: the printing org (the one
 * that stamps it), who printed it and when, in Beijing time.
 */
export function PrintHeader({ title }: { title: string }) {
  const me = useCurrentUser();
  return (
    <div className="tg-print-only tg-print-header" aria-hidden>
      <div className="tg-print-title">{title}</div>
      <div className="tg-print-meta">
        <span>打印单位：{me.org.name}</span>
        <span>打印人：{me.displayName}</span>
        <span>打印时间：{formatTime(new Date().toISOString(), 'YYYY-MM-DD HH:mm')}</span>
      </div>
    </div>
  );
}
