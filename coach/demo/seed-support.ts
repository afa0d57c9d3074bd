// The demo's waiting support question: sam (support) has asked the developers, so the Support pane shows
// the two-phase flow on first start — the AI's labelled guess now, a responder's approval to come.
import type { Directory } from '../people/index.ts';
import type { SupportQuestion, SupportService } from '../support/index.ts';
import type { Incident } from '../types.ts';

export const DEMO_SUPPORT_QUESTION = 'Customers say checkout fails at the payment step. Is their card data safe, and when will it work again?';

export function seedDemoSupport(support: SupportService, people: Directory, incident: Incident): Promise<SupportQuestion> {
  return support.ask(people.soloPrincipal('sam'), { incident: incident.id, question: DEMO_SUPPORT_QUESTION, origin: { via: 'demo' } });
}
