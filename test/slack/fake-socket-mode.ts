// A fake Socket Mode endpoint on loopback: just enough WebSocket (RFC 6455: handshake, text, ping/pong,
// close) to greet the client, push envelopes and collect its acks. apps.connections.open on the fake
// Web API hands out this server's ws:// URL, as Slack hands out its wss:// one.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface FakeSocketMode {
  url: string;
  /** Envelopes the client acknowledged: envelope_id and the payload it sent back. */
  acks: { envelope_id: string; payload?: unknown }[];
  connections: number;
  send(envelope: Record<string, unknown>): void;
  close(): Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len])
    : len < 65_536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
      : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
  return Buffer.concat([head, payload]);
}

/** Reads whole client frames (always masked) off the front of a buffer. */
function readFrames(buf: Buffer): { frames: { opcode: number; data: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; data: Buffer }[] = [];
  let off = 0;
  while (buf.length - off >= 2) {
    const b0 = buf[off] ?? 0;
    const b1 = buf[off + 1] ?? 0;
    let len = b1 & 0x7f;
    let p = off + 2;
    if (len === 126) { if (buf.length < p + 2) break; len = buf.readUInt16BE(p); p += 2; }
    else if (len === 127) { if (buf.length < p + 8) break; len = Number(buf.readBigUInt64BE(p)); p += 8; }
    const masked = (b1 & 0x80) !== 0;
    const maskAt = p;
    if (masked) p += 4;
    if (buf.length < p + len) break;
    const data = Buffer.from(buf.subarray(p, p + len));
    if (masked) for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 0) ^ (buf[maskAt + (i % 4)] ?? 0);
    frames.push({ opcode: b0 & 0x0f, data });
    off = p + len;
  }
  return { frames, rest: buf.subarray(off) };
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const sockets = new Set<Socket>();
  const acks: FakeSocketMode['acks'] = [];
  let connections = 0;
  const server: Server = createServer((_req, res) => {
    res.writeHead(426);
    res.end();
  });
  server.on('upgrade', (req, socket: Socket) => {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    connections += 1;
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const f of frames) {
        if (f.opcode === 0x1) acks.push(JSON.parse(f.data.toString('utf8')) as FakeSocketMode['acks'][number]);
        else if (f.opcode === 0x9) socket.write(frame(0xa, f.data));
        else if (f.opcode === 0x8) {
          socket.end(frame(0x8, f.data.subarray(0, 2)));
          sockets.delete(socket);
        }
      }
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0MENTAT' } }))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    acks,
    get connections() {
      return connections;
    },
    send(envelope) {
      const data = frame(0x1, Buffer.from(JSON.stringify(envelope)));
      for (const s of sockets) s.write(data);
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
