// People: the workspace's roster (people.yml), roles, and who is acting (Principal) with role checks.
export { ROLES, PERSON_NAME, emptyRoster, parseRoster, type Role, type Roster, type RosterPerson } from './roster.ts';
export { createDirectory, requireRole, type Directory, type Principal } from './identity.ts';
