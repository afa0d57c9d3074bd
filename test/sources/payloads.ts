// Webhook bodies as the real senders shape them (Alertmanager 0.27 webhook v4, GitHub deployment_status).
export function alertmanagerBody(opts: {
  status?: 'firing' | 'resolved';
  fingerprint?: string;
  alertname?: string;
  labels?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
} = {}): Record<string, unknown> {
  const status = opts.status ?? 'firing';
  const labels = { alertname: opts.alertname ?? 'CheckoutHighErrorRate', job: 'checkout', severity: 'critical', instance: 'checkout-7d9f:8080', ...opts.labels };
  return {
    receiver: 'mentat',
    status,
    alerts: [{
      status,
      labels,
      annotations: { summary: 'Checkout 5xx ratio above 5%', description: 'More than 5% of checkout requests fail.', runbook_url: 'https://runbooks.example/checkout' },
      startsAt: opts.startsAt ?? '2026-03-01T10:02:00.000Z',
      endsAt: opts.endsAt ?? (status === 'resolved' ? '2026-03-01T10:40:00.000Z' : '0001-01-01T00:00:00Z'),
      generatorURL: 'http://prometheus:9090/graph?g0.expr=checkout_error_ratio+%3E+0.05&g0.tab=1',
      fingerprint: opts.fingerprint ?? 'c0ffee1234abcd01',
    }],
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: { summary: 'Checkout 5xx ratio above 5%' },
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: `{}/{severity="critical"}:{alertname="${labels.alertname}"}`,
    truncatedAlerts: 0,
  };
}

export function githubDeploymentStatusBody(opts: { state?: string; statusId?: number; repo?: string; environment?: string; createdAt?: string } = {}): Record<string, unknown> {
  const repo = opts.repo ?? 'checkout';
  return {
    action: 'created',
    deployment_status: {
      url: `https://api.github.com/repos/shop/${repo}/deployments/42/statuses/${opts.statusId ?? 9001}`,
      id: opts.statusId ?? 9001,
      state: opts.state ?? 'success',
      creator: { login: 'github-actions[bot]', id: 41898282 },
      description: 'Deployment finished',
      environment: opts.environment ?? 'production',
      target_url: `https://github.com/shop/${repo}/actions/runs/123`,
      created_at: opts.createdAt ?? '2026-03-01T09:55:00Z',
      updated_at: opts.createdAt ?? '2026-03-01T09:55:00Z',
      environment_url: 'https://shop.example',
    },
    deployment: {
      url: `https://api.github.com/repos/shop/${repo}/deployments/42`,
      id: 42,
      sha: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      ref: 'main',
      task: 'deploy',
      payload: {},
      environment: opts.environment ?? 'production',
      description: null,
      creator: { login: 'dana', id: 7 },
      created_at: '2026-03-01T09:50:00Z',
    },
    repository: { id: 1, name: repo, full_name: `shop/${repo}`, html_url: `https://github.com/shop/${repo}` },
    sender: { login: 'dana', id: 7 },
  };
}
