/**
 * The preload, imported for real over a fake `electron`: it exposes one frozen object, window.kiosk,
 * with one method per contract channel, each invoking that channel's own IPC name with the one
 * input it was given, and nothing else (no raw ipcRenderer, no generic send or invoke).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, ipcChannel } from '../../electron/api/channels';
import { createFakeElectron, type FakeElectron } from './fake-electron';

let fake: FakeElectron;
let kiosk: Record<string, (...args: unknown[]) => Promise<unknown>>;

beforeAll(async () => {
  vi.resetModules();
  fake = createFakeElectron();
  vi.doMock('electron', () => fake);
  await import('../../electron/preload');
  kiosk = fake.exposed.get('kiosk') as typeof kiosk;
});

describe('the preload', () => {
  it('exposes exactly one key, kiosk, once', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fake.exposed.keys()]).toEqual(['kiosk']);
  });

  it('kiosk is a frozen plain object whose keys are exactly the contract channels', () => {
    expect(Object.isFrozen(kiosk)).toBe(true);
    expect(Object.getPrototypeOf(kiosk)).toBe(Object.prototype);
    expect(Object.keys(kiosk)).toEqual([...CHANNEL_NAMES]);
    expect(Object.getOwnPropertyNames(kiosk)).toEqual([...CHANNEL_NAMES]);
    expect(Object.getOwnPropertySymbols(kiosk)).toEqual([]);
    for (const name of CHANNEL_NAMES) expect(kiosk[name], name).toBeTypeOf('function');
  });

  it('has no generic door to IPC', () => {
    for (const key of ['send', 'sendSync', 'invoke', 'on', 'once', 'postMessage', 'ipcRenderer', 'require', 'electron', 'channel']) {
      expect(kiosk, key).not.toHaveProperty(key);
    }
    // nothing of the fake ipcRenderer leaked into the exposed object
    expect(Object.values(kiosk)).not.toContain(fake.ipcRenderer.invoke);
  });

  it('kiosk.getSettings({}) invokes kiosk:getSettings with that input', async () => {
    fake.ipcRenderer.invoke.mockClear();
    const input = {};
    const result = await kiosk.getSettings!(input);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('kiosk:getSettings', input);
    expect(result).toEqual({ channel: 'kiosk:getSettings', args: [input] }); // the main process's answer, unchanged
  });

  it('every method invokes its own channel, with exactly one argument', async () => {
    for (const name of CHANNEL_NAMES) {
      fake.ipcRenderer.invoke.mockClear();
      await kiosk[name]!({ probe: name }, 'extra', () => 'a function');
      expect(fake.ipcRenderer.invoke, name).toHaveBeenCalledExactlyOnceWith(ipcChannel(name), { probe: name });
    }
    fake.ipcRenderer.invoke.mockClear();
    await kiosk.getSession!();
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('kiosk:getSession', undefined);
  });

  it('cannot be changed by the page', () => {
    const before = kiosk.getSettings;
    expect(() => {
      (kiosk as Record<string, unknown>).getSettings = () => 'hijacked';
    }).toThrow(TypeError);
    expect(() => {
      (kiosk as Record<string, unknown>).send = () => 'added';
    }).toThrow(TypeError);
    expect(kiosk.getSettings).toBe(before);
  });
});
