import { unstableSetRender } from 'antd';
import { createRoot, type Root } from 'react-dom/client';

// antd 5 renders wave effects and static popups with ReactDOM.render, which React 19 removed;
// this is antd's documented hook for giving it a React 19 renderer (https://u.ant.design/v5-for-19).
const roots = new WeakMap<Element | DocumentFragment, Root>();

unstableSetRender((node, container) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});
