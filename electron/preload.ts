/**
 * The preload: exposes exactly one object, window.kiosk, with one method per channel of the
 * contract, each an ipcRenderer.invoke on that channel's own IPC name. No raw ipcRenderer, no
 * generic send, nothing else. Bundled as one CommonJS file (sandboxed preloads cannot require
 * our other files).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, ipcChannel } from './api/channels';

const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
for (const name of CHANNEL_NAMES) {
  const channel = ipcChannel(name);
  api[name] = (input?: unknown) => ipcRenderer.invoke(channel, input);
}

contextBridge.exposeInMainWorld('kiosk', Object.freeze(api));
