import { obligationScope } from '../../access/access';
import type { FileReferrer } from '../files/file.service';
import { obligationQuery, submissionsWithFile } from './obligation.repository';

/**
 * A file attached to a submission may be downloaded by whoever may see that obligation — the
 * owner and both lines of recipients — once it is submitted; a draft's files only by the owner.
 */
export const submissionFileReferrer: FileReferrer = async (db, actor, fileId) => {
  for (const s of await submissionsWithFile(db, fileId)) {
    const ob = await obligationQuery(db)
      .where('ob.id', '=', s.obligation_id)
      .where(obligationScope(actor))
      .executeTakeFirst();
    if (!ob) continue;
    if (s.state !== 'draft' || ob.org_id === actor.orgId) return true;
  }
  return false;
};
