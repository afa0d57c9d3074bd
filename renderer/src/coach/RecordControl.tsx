// Recording a demonstration (D3): while it runs, the links a person opens and the queries they run become
// the numbered steps of a titled walkthrough the coach offers teammates who later ask "how do I …?".
import { useState } from 'react';
import { useAsync } from '../common/index.ts';
import { useSession } from '../shell/session.ts';

export function RecordControl({ incidentId }: { incidentId: number }) {
  const { client } = useSession();
  const [recording, setRecording] = useState(false);
  const [title, setTitle] = useState('');
  const [saved, setSaved] = useState<{ title: string; steps: number } | null>(null);
  const start = useAsync(async () => {
    await client.startRecording(incidentId);
    setSaved(null);
    setRecording(true);
  });
  const stop = useAsync(async () => {
    const r = await client.stopRecording(incidentId, title);
    setSaved({ title: r.title, steps: r.steps.length });
    setRecording(false);
    setTitle('');
  });

  if (!recording) {
    return (
      <div className="record-bar">
        <button type="button" className="link" onClick={() => void start.run()} disabled={start.busy}>
          Record a demonstration
        </button>
        {saved && (
          <span role="status">
            Saved “{saved.title}” with {saved.steps} step{saved.steps === 1 ? '' : 's'}.
          </span>
        )}
        {start.error && <p role="alert" className="error">{start.error}</p>}
      </div>
    );
  }
  return (
    <form
      className="record-bar recording"
      aria-label="Recording a demonstration"
      onSubmit={(e) => {
        e.preventDefault();
        void stop.run();
      }}
    >
      <span role="status" className="rec-dot">Recording: the links you open and queries you run become its steps.</span>
      <label className="visually-hidden" htmlFor="record-title">Title of the demonstration</label>
      <input
        id="record-title"
        value={title}
        placeholder="e.g. compare checkout latency with last week"
        onChange={(e) => setTitle(e.target.value)}
      />
      <button type="submit" className="primary" disabled={stop.busy || !title.trim()}>
        Stop and save recording
      </button>
      {stop.error && <p role="alert" className="error">{stop.error}</p>}
    </form>
  );
}
