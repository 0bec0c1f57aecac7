import { rowBuilder } from '../../src/loaders/row-builder';

describe('rowBuilder', () => {
  it('turns a positional row into an object with the properties in order', () => {
    const build = rowBuilder<Record<string, unknown>>(['id', 'setId', 'price', 'metadata']);
    expect(build([7, 3, '149.00', { a: 1 }])).toEqual({
      id: 7,
      setId: 3,
      price: '149.00',
      metadata: { a: 1 },
    });
    expect(build([8, 3, null, null])).toEqual({ id: 8, setId: 3, price: null, metadata: null });
  });

  it('refuses a property that is not a plain identifier', () => {
    expect(() => rowBuilder(['id', 'x: 1 }; process.exit(); ({ y'])).toThrow('Not a property name');
    expect(() => rowBuilder(['order-by'])).toThrow('Not a property name');
  });
});
