// Sources: what arrives from outside — Alertmanager alerts, deploy notices, GitHub deployment statuses.
export { alertmanagerPayload, alertmanagerAlert, toAlertData, serviceFromLabels, type AlertmanagerPayload } from './alertmanager.ts';
export {
  deployWebhookBody, recordDeploy, recentDeploys, attachRecentDeploys, DEPLOY_LOOKBACK_MINUTES, type DeployDelivery, type RecordedDeploy,
} from './deploys.ts';
export { githubDeploymentStatus, verifyGithubSignature, deployFromGithub, githubService, githubVersion } from './github.ts';
export { recordGithubStatus } from './github-status.ts';
export { ingestAlertmanager, type AlertOutcome } from './ingest-alerts.ts';
