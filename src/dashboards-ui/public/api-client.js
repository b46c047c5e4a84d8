/* global window, document, sessionStorage, fetch, URL, setTimeout */
// The page's access to the API: the API key is asked for once, kept in this tab's session storage and sent as
// the x-api-key header of every data call. Nothing else of the page touches the key.
(function () {
  'use strict';

  const STORAGE_KEY = 'mlp.apiKey';
  const HEADER = 'x-api-key';

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  const byId = (id) => document.getElementById(id);
  const storedKey = () => sessionStorage.getItem(STORAGE_KEY);
  let onKeyChange = () => undefined;

  function showKeyState(message) {
    const hasKey = storedKey() !== null;
    byId('key-panel').hidden = hasKey;
    byId('content').hidden = !hasKey;
    byId('forget-key').hidden = !hasKey;
    byId('key-message').textContent = message || '';
  }

  function forgetKey(message) {
    sessionStorage.removeItem(STORAGE_KEY);
    showKeyState(message);
  }

  async function request(path) {
    const response = await fetch(path, { headers: { [HEADER]: storedKey() || '' } });
    if (response.status === 401) {
      forgetKey('The API key was refused (unknown, expired or revoked): enter a valid key.');
      throw new ApiError(401, 'API key refused');
    }
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        message = (await response.json()).message || message;
      } catch {
        // not a JSON error body: keep the status line
      }
      throw new ApiError(response.status, message);
    }
    return response;
  }

  async function getJson(path) {
    return (await request(path)).json();
  }

  /** Fetches `path` with the key and saves the answer as `filename` (a plain link cannot send the header). */
  async function download(path, filename) {
    const blob = await (await request(path)).blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /** Shows the key form until a key is entered, then calls `start` (again after each new key). */
  function withKey(start) {
    onKeyChange = start;
    byId('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = byId('key-input');
      const key = input.value.trim();
      if (!key) return;
      sessionStorage.setItem(STORAGE_KEY, key);
      input.value = '';
      showKeyState('');
      onKeyChange();
    });
    byId('forget-key').addEventListener('click', () => forgetKey(''));
    showKeyState('');
    if (storedKey() !== null) start();
  }

  window.MlpApi = { ApiError, getJson, download, withKey };
})();
