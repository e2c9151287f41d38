// The quiet word on saving: settings save as they change, so this only confirms it (and says so
// plainly when the browser refused).
export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export function SaveStatus({ state }: { state: SaveState }) {
  return (
    <p
      className={`opt-save-status opt-save-status--${state}`}
      role="status"
      data-testid="save-status"
    >
      {state === 'saving' && 'Saving…'}
      {state === 'saved' && 'Saved'}
      {state === 'failed' && 'Not saved: the browser refused to store the settings. Try again.'}
    </p>
  );
}
