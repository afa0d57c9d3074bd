// Keeps the tray menu and native notifications in step with the server: one event stream from the main
// process, the incident list refetched when incidents change, notices for what is worth interrupting for.
import { followEvents, type ServerEvent } from './event-stream.ts';
import { changesIncidentList, NotificationPolicy, type IncidentSummary } from './notifications.ts';
import type { MenuBuilder, NotificationFactory, TrayLike } from './ports.ts';
import { fetchOpenIncidents, trayMenuTemplate, trayToolTip, type TrayActions } from './tray-menu.ts';

export interface LiveOptions {
  serverUrl: string;
  token: string;
  tray: TrayLike;
  menu: MenuBuilder;
  notifications: NotificationFactory;
  /** Whether to show notifications at all (settings.json "notifications"). */
  notify: boolean;
  actions: TrayActions;
  fetch?: typeof fetch;
  log(line: string): void;
}

export interface Live {
  readonly policy: NotificationPolicy;
  /** Refetches the open incidents and rebuilds the tray menu. */
  refresh(): Promise<IncidentSummary[] | null>;
  /** Handles one server event (exposed so the stream and tests share one path). */
  handle(ev: ServerEvent): void;
  stop(): void;
  /** Settles when the event stream has stopped. */
  readonly done: Promise<void>;
}

export async function startLive(opts: LiveOptions): Promise<Live> {
  const doFetch = opts.fetch ?? fetch;
  const abort = new AbortController();
  let refreshing: Promise<IncidentSummary[] | null> | null = null;

  const render = (incidents: IncidentSummary[] | null): void => {
    opts.tray.setContextMenu(opts.menu.buildFromTemplate(trayMenuTemplate(incidents, opts.actions)));
    opts.tray.setToolTip(trayToolTip(incidents));
  };

  const load = async (): Promise<IncidentSummary[] | null> => {
    try {
      return await fetchOpenIncidents(opts.serverUrl, opts.token, doFetch);
    } catch (err) {
      opts.log(`tray: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  };

  // Bursts of incident changes (an alert storm) coalesce into one fetch in flight at a time.
  const refresh = (): Promise<IncidentSummary[] | null> => {
    refreshing ??= load().then((list) => {
      refreshing = null;
      if (!abort.signal.aborted) render(list);
      return list;
    });
    return refreshing;
  };

  const initial = await refresh();
  const policy = new NotificationPolicy(initial ?? []);

  const handle = (ev: ServerEvent): void => {
    if (changesIncidentList(ev)) void refresh();
    const notice = policy.decide(ev);
    if (!notice || !opts.notify || !opts.notifications.isSupported()) return;
    const n = opts.notifications.create({ title: notice.title, body: notice.body, silent: false });
    n.on('click', () => opts.actions.openIncident(notice.incidentId));
    n.show();
  };

  const done = followEvents({
    url: `${opts.serverUrl}/api/events`,
    token: opts.token,
    fetch: doFetch,
    signal: abort.signal,
    onEvent: handle,
    onDisconnect: (err) => opts.log(`events: ${err instanceof Error ? err.message : String(err)}; retrying`),
  });

  return { policy, refresh, handle, stop: () => abort.abort(), done };
}
