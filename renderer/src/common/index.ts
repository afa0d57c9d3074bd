// Small pieces every pane uses: the virtual list, time formatting, request state.
export { VirtualList } from './VirtualList.tsx';
export { ago, fullTime, secondsTime, shortTime } from './time.ts';
export { useAsync, type AsyncAction } from './useAsync.ts';
