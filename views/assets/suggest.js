// Autocomplete for the search box: asks /api/suggest as the visitor types
// (debounced), shows a listbox, and lets arrow keys, Enter, Escape and the
// mouse pick a completion. Without this script the form still submits.
(() => {
  const DELAY_MS = 120;
  const input = document.querySelector('input[data-suggest]');
  const list = document.getElementById('q-suggestions');
  if (!(input instanceof HTMLInputElement) || !list) return;
  const form = input.form;
  let items = [];
  let active = -1;
  let timer;
  let controller;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  function close() {
    items = [];
    active = -1;
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function render() {
    list.replaceChildren(
      ...items.map((item, i) => {
        const option = document.createElement('li');
        option.id = `q-suggestion-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', String(i === active));
        const text = document.createElement('span');
        text.textContent = item.query;
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = item.count.toLocaleString('en-US');
        option.append(text, count);
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(i);
        });
        return option;
      }),
    );
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `q-suggestion-${active}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function choose(i) {
    const item = items[i];
    if (!item) return;
    input.value = item.query;
    close();
    form?.requestSubmit();
  }

  async function fetchSuggestions(value) {
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/api/suggest?q=${encodeURIComponent(value)}`, {
        signal: controller.signal,
      });
      if (!response.ok) return close();
      const body = await response.json();
      if (input.value !== value) return;
      items = body.suggestions ?? [];
      active = -1;
      render();
    } catch (error) {
      if (error.name !== 'AbortError') close();
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const value = input.value;
    if (value.trim() === '' || /\s$/.test(value)) return close();
    timer = setTimeout(() => fetchSuggestions(value), DELAY_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + items.length + 1) % (items.length + 1);
      if (active === items.length) active = -1;
      render();
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      close();
    }
  });

  input.addEventListener('blur', () => setTimeout(close, 100));
})();
