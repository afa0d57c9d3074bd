// Every listener the app registers, as data: registration loops over these tables, and the manifest test
// reads the same tables, so the code and manifest.yml cannot drift apart unnoticed.
import type {
  App, Middleware, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs, SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { ACTIONS } from '../views/turns.ts';
import { PLAN_VIEW } from '../views/plan-modal.ts';
import { COMMAND, mentatCommand } from './commands/mentat.ts';
import { appHomeOpened } from './events/app-home-opened.ts';
import { appMention } from './events/app-mention.ts';
import { threadReply } from './events/message.ts';
import { reactionAdded } from './events/reaction-added.ts';
import { openLink } from './actions/open-link.ts';
import { openPlan } from './actions/open-plan.ts';
import { runQuery } from './actions/run-query.ts';
import { planSubmitted } from './views/plan-submitted.ts';
import { ADD_NOTE_SHORTCUT, addNote } from './shortcuts/add-note.ts';
import { ASK_DEVS_SHORTCUT, askDevsShortcut } from './shortcuts/ask-devs.ts';
import { supportApprove } from './actions/support-approve.ts';
import { supportEdit } from './actions/support-edit.ts';
import { supportOwnWords } from './actions/support-own-words.ts';
import { askDevsSubmitted } from './views/ask-devs-submitted.ts';
import { supportEditSubmitted } from './views/support-edit-submitted.ts';
import { supportRewriteSubmitted } from './views/support-rewrite-submitted.ts';
import { SUPPORT_ACTIONS } from '../views/support.ts';
import { LEARNING_ACTIONS } from '../views/learning.ts';
import { notePublish } from './actions/note-publish.ts';
import { noteShowAnswer } from './actions/note-show-answer.ts';
import { suggestionAccept } from './actions/suggestion-accept.ts';
import { suggestionDismiss } from './actions/suggestion-dismiss.ts';
import { SUPPORT_VIEWS } from '../views/support-modals.ts';

export { dispatch, incidentFor } from './dispatch.ts';
export { parse, stripMention, type Invocation, type Parsed } from './invocation.ts';

// Handlers are typed per kind in their own files; bolt's registration methods are overloaded generics that
// a table cannot name one by one, so the table holds them as bolt's widest listener type.
type Handler = (deps: SlackDeps) => (args: never) => Promise<void>;

export const LISTENERS = {
  commands: { [COMMAND]: mentatCommand },
  events: {
    app_mention: appMention,
    message: threadReply,
    reaction_added: reactionAdded,
    app_home_opened: appHomeOpened,
  },
  shortcuts: { [ADD_NOTE_SHORTCUT]: addNote, [ASK_DEVS_SHORTCUT]: askDevsShortcut },
  actions: {
    [ACTIONS.runQuery]: runQuery,
    [ACTIONS.openPlan]: openPlan,
    [SUPPORT_ACTIONS.approve]: supportApprove,
    [SUPPORT_ACTIONS.edit]: supportEdit,
    [SUPPORT_ACTIONS.ownWords]: supportOwnWords,
    [ACTIONS.acceptSuggestion]: suggestionAccept,
    [ACTIONS.dismissSuggestion]: suggestionDismiss,
    [LEARNING_ACTIONS.publish]: notePublish,
    [LEARNING_ACTIONS.showAnswer]: noteShowAnswer,
  },
  /** Action ids with a numeric suffix (one per link button on a card). */
  actionPrefixes: { [ACTIONS.openLink]: openLink },
  views: {
    [PLAN_VIEW]: planSubmitted,
    [SUPPORT_VIEWS.ask]: askDevsSubmitted,
    [SUPPORT_VIEWS.edit]: supportEditSubmitted,
    [SUPPORT_VIEWS.rewrite]: supportRewriteSubmitted,
  },
} satisfies Record<string, Record<string, Handler>>;

/** The slice of bolt's App that registration uses, so tests can record registrations without a server. */
export type Registrar = Pick<App, 'command' | 'event' | 'shortcut' | 'action' | 'view'>;

export function registerListeners(app: Registrar, deps: SlackDeps): void {
  // bolt's overloads are keyed on literal ids; the tables above are what keeps each pairing right.
  for (const [name, make] of Object.entries(LISTENERS.commands)) app.command(name, make(deps));
  for (const [name, make] of Object.entries(LISTENERS.events)) {
    app.event(name, make(deps) as unknown as Middleware<SlackEventMiddlewareArgs>);
  }
  for (const [id, make] of Object.entries(LISTENERS.shortcuts)) app.shortcut(id, make(deps) as unknown as Middleware<SlackShortcutMiddlewareArgs>);
  for (const [id, make] of Object.entries(LISTENERS.actions)) app.action(id, make(deps) as unknown as Middleware<SlackActionMiddlewareArgs>);
  for (const [prefix, make] of Object.entries(LISTENERS.actionPrefixes)) {
    app.action(new RegExp(`^${prefix}_\\d+$`), make(deps) as unknown as Middleware<SlackActionMiddlewareArgs>);
  }
  for (const [id, make] of Object.entries(LISTENERS.views)) app.view(id, make(deps) as unknown as Middleware<SlackViewMiddlewareArgs>);
}
