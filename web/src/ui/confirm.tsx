import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

/** Admin actions ask first: `await confirm('Halt every firm?')` opens a modal dialog (Esc cancels). */
type Ask = (question: string, detail?: string) => Promise<boolean>;
const ConfirmContext = createContext<Ask>(async () => false);
export const useConfirm = () => useContext(ConfirmContext);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const resolver = useRef<(ok: boolean) => void>(undefined);
  const [text, setText] = useState<{ q: string; d?: string }>({ q: '' });
  const ask = useCallback<Ask>((q, d) => {
    setText({ q, d });
    dialog.current?.showModal();
    return new Promise<boolean>((resolve) => (resolver.current = resolve));
  }, []);
  const answer = (ok: boolean) => {
    dialog.current?.close();
    resolver.current?.(ok);
    resolver.current = undefined;
  };
  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      <dialog ref={dialog} className="confirm" aria-labelledby="confirm-q" onCancel={() => answer(false)}>
        <h2 id="confirm-q">{text.q}</h2>
        {text.d && <p>{text.d}</p>}
        <div className="row end">
          <button type="button" onClick={() => answer(false)}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={() => answer(true)} autoFocus>
            Confirm
          </button>
        </div>
      </dialog>
    </ConfirmContext.Provider>
  );
}
