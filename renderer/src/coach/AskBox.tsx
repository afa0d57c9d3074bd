// The ask box: questions, statements, "I'm stuck". Enter sends, Shift+Enter starts a new line.
import { useState, type Ref } from 'react';
import { useAsync } from '../common/index.ts';

interface Props {
  send: (text: string) => Promise<void>;
  ref?: Ref<HTMLTextAreaElement>;
}

export function AskBox({ send, ref }: Props) {
  const [text, setText] = useState('');
  const submit = useAsync(async (t: string) => {
    await send(t);
    setText('');
  });
  const go = (): void => {
    const t = text.trim();
    if (t && !submit.busy) void submit.run(t);
  };
  return (
    <form
      className="askbox"
      onSubmit={(e) => {
        e.preventDefault();
        go();
      }}
    >
      <label htmlFor="ask" className="visually-hidden">Ask the coach</label>
      <textarea
        id="ask"
        ref={ref}
        rows={2}
        value={text}
        placeholder="Ask, tell the coach what you see, or say you're stuck   (Ctrl+K)"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            go();
          }
        }}
      />
      <button type="submit" className="primary" disabled={submit.busy || !text.trim()}>
        {submit.busy ? 'Sending…' : 'Send'}
      </button>
      {submit.error && <p role="alert" className="error">{submit.error}</p>}
    </form>
  );
}
