// The incident's scratchpad.
export { NotesPane } from './NotesPane.tsx';
