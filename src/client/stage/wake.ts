// Screen Wake Lock: keeps the screen on while a stage window is open. The lock is released by
// the browser when the window is hidden, so it is asked for again when it comes back.
export type WakeStatus = 'on' | 'off';

export function keepAwake(onStatus: (s: WakeStatus) => void): void {
  interface Sentinel extends EventTarget {
    released: boolean;
  }
  const api = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<Sentinel> } }).wakeLock;
  if (!api) {
    onStatus('off');
    return;
  }
  let lock: Sentinel | undefined;
  const request = async () => {
    if (document.visibilityState !== 'visible' || (lock && !lock.released)) return;
    try {
      lock = await api.request('screen');
      onStatus('on');
      lock.addEventListener('release', () => {
        if (document.visibilityState === 'visible') onStatus('off');
      });
    } catch {
      onStatus('off');
    }
  };
  document.addEventListener('visibilitychange', () => void request());
  // Some browsers only grant it after a user gesture: try again on the first key or click.
  addEventListener('keydown', () => void request(), { capture: true });
  addEventListener('pointerdown', () => void request(), { capture: true });
  void request();
}
