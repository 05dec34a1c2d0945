/**
 * A fake `electron` module, rich enough to import electron/main.ts, windows.ts and preload.ts for
 * real and to watch what they do: every call is recorded, every handler kept so a test can call it.
 * One fresh fake per scenario:
 *
 *   vi.resetModules();
 *   const fake = createFakeElectron();
 *   vi.doMock('electron', () => fake);
 *   await import('../../electron/main');
 *
 * Only what the shell uses is here; anything else is `undefined`, so a new Electron call in the
 * shell shows up as a TypeError in these tests rather than passing unseen.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** A frame: its URL and its parent (null for a page's main frame) matter to the sender check. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export type WindowOpenHandler = (details: { url: string; frameName?: string; disposition?: string }) => { action: 'allow' | 'deny' };
export type PrintCallback = (success: boolean, failureReason: string) => void;

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null };
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  /** What executeJavaScript answers (the print window's data-print-state). */
  scriptResult: unknown = 'ready';
  /** What print() reports. */
  printResult: { success: boolean; reason: string } = { success: true, reason: '' };

  readonly reload = vi.fn();
  readonly executeJavaScript = vi.fn(async (_code: string): Promise<unknown> => this.scriptResult);
  readonly print = vi.fn((_options: Record<string, unknown>, callback?: PrintCallback) => {
    callback?.(this.printResult.success, this.printResult.reason);
  });

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** A frame of this page that is not its main frame (an iframe). */
  subframe(url = 'app://kiosk/index.html'): FakeFrame {
    return { url, parent: this.mainFrame };
  }
}

export interface FakeIpcEvent {
  sender: FakeWebContents;
  senderFrame: FakeFrame | null;
}

type AnyFn = (...args: never[]) => unknown;
export type IpcHandler = (event: FakeIpcEvent, ...args: unknown[]) => unknown;
export type ProtocolHandler = (request: { method: string; url: string }) => Response | Promise<Response>;
export type PermissionRequestHandler = (contents: FakeWebContents | null, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
export type PermissionCheckHandler = (contents: FakeWebContents | null, permission: string, origin: string, details?: unknown) => boolean;
export type BeforeRequestListener = (details: { url: string; method?: string }, callback: (response: { cancel?: boolean }) => void) => void;

export function createFakeElectron(options: { singleInstance?: boolean; isPackaged?: boolean } = {}) {
  const appEvents = new EventEmitter();
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, IpcHandler>();
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const exposed = new Map<string, unknown>();
  const sessionHandlers: {
    permissionRequest: PermissionRequestHandler | null;
    permissionCheck: PermissionCheckHandler | null;
    devicePermission: ((details: unknown) => boolean) | null;
    beforeRequest: BeforeRequestListener | null;
  } = { permissionRequest: null, permissionCheck: null, devicePermission: null, beforeRequest: null };

  const app = Object.assign(appEvents, {
    isPackaged: options.isPackaged ?? false,
    commandLine: { appendSwitch: vi.fn() },
    requestSingleInstanceLock: vi.fn(() => options.singleInstance ?? true),
    whenReady: vi.fn(() => Promise.resolve()),
    enableSandbox: vi.fn(),
    getVersion: vi.fn(() => '0.1.0'),
    relaunch: vi.fn(),
    exit: vi.fn(),
    quit: vi.fn(),
  });

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadedUrls: string[] = [];
    readonly show = vi.fn();
    /** The visitor-facing window shows without taking the focus from the office's. */
    readonly showInactive = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    destroyed = false;

    constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
      super();
      windows.push(this);
      // as Electron does, for every web contents it makes
      app.emit('web-contents-created', { preventDefault: vi.fn() }, this.webContents);
    }

    async loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
      this.webContents.mainFrame.url = url;
      this.emit('ready-to-show');
    }

    isMinimized(): boolean {
      return false;
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    destroy(): void {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  const fake = {
    app,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
        protocolHandlers.set(scheme, handler);
      }),
    },
    ipcMain: {
      handle: vi.fn((channel: string, handler: IpcHandler) => {
        // as Electron does
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      }),
      on: vi.fn(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn((h: PermissionRequestHandler) => {
          sessionHandlers.permissionRequest = h;
        }),
        setPermissionCheckHandler: vi.fn((h: PermissionCheckHandler) => {
          sessionHandlers.permissionCheck = h;
        }),
        setDevicePermissionHandler: vi.fn((h: (details: unknown) => boolean) => {
          sessionHandlers.devicePermission = h;
        }),
        webRequest: {
          onBeforeRequest: vi.fn((l: BeforeRequestListener) => {
            sessionHandlers.beforeRequest = l;
          }),
        },
      },
    },
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    screen: {
      getPrimaryDisplay: vi.fn(() => ({ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } })),
      getAllDisplays: vi.fn(() => [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }]),
    },
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, value: unknown) => {
        exposed.set(key, value);
      }),
    },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, ...args: unknown[]): Promise<unknown> => ({ channel, args })),
    },

    // ---- for the tests ----------------------------------------------------------------------
    windows,
    ipcHandlers,
    protocolHandlers,
    sessionHandlers,
    exposed,
    /** A web contents Electron made that is not one of our windows (a devtools page, a stray view). */
    foreignWebContents(url = 'app://kiosk/index.html#/'): FakeWebContents {
      const contents = new FakeWebContents();
      contents.mainFrame.url = url;
      return contents;
    },
    /** Call a registered IPC handler as Electron would. */
    async invoke(channel: string, event: FakeIpcEvent, ...args: unknown[]): Promise<unknown> {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return await handler(event, ...args);
    },
    /** The listeners the shell attached to an emitter for one event. */
    listenersOf(emitter: EventEmitter, event: string): AnyFn[] {
      return emitter.listeners(event) as AnyFn[];
    },
  };
  return fake;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeBrowserWindow = FakeElectron['windows'][number];
