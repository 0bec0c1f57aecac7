import { BacklogStream } from '../../src/events/backlog-stream';

describe('BacklogStream', () => {
  const make = (max: number) => {
    const calls = { overflow: 0, end: 0 };
    const stream = new BacklogStream<number>(
      max,
      () => (calls.overflow += 1),
      () => (calls.end += 1),
    );
    return { stream, calls };
  };

  it('hands out pushed values in order, waiting when there are none', async () => {
    const { stream } = make(10);
    const first = stream.next();
    stream.push(1);
    stream.push(2);
    expect(await first).toEqual({ done: false, value: 1 });
    expect(stream.backlog).toBe(1);
    expect(await stream.next()).toEqual({ done: false, value: 2 });
  });

  it('overflows once past the limit, then ends and drops what waited', async () => {
    const { stream, calls } = make(2);
    stream.push(1);
    stream.push(2);
    expect(calls.overflow).toBe(0);
    stream.push(3);
    stream.push(4);
    expect(calls).toEqual({ overflow: 1, end: 1 });
    expect(stream.backlog).toBe(0);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('ends a consumer that is waiting as soon as it returns', async () => {
    const { stream, calls } = make(2);
    const waiting = stream.next();
    await stream.return();
    await stream.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(calls.end).toBe(1);
    stream.push(1);
    expect(stream.backlog).toBe(0);
  });
});
