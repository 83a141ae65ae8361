/**
 * Builds elements without innerHTML, so agent output and tool arguments can never become markup.
 * h('button', { class: 'primary', onclick: run }, 'Execute')
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** One term of a <dl class="facts">. */
export function fact(term, ...details) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, ...details));
}

/** Announces something briefly; errors stay until dismissed. */
export function toast(message, kind = 'info') {
  const area = document.getElementById('toasts');
  const item = h('div', { class: `toast ${kind}` }, h('span', {}, message));
  const close = () => item.remove();
  item.append(h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', onclick: close }, '×'));
  area.append(item);
  if (kind !== 'error') setTimeout(close, 4000);
}

/** Runs an action from a button: disables it meanwhile and reports failures in a toast. */
export async function withBusy(button, action) {
  button.disabled = true;
  try {
    return await action();
  } catch (error) {
    toast(error.message, 'error');
    return undefined;
  } finally {
    button.disabled = false;
  }
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
