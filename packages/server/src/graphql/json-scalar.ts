import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.NULL:
      return null;
    default:
      throw new TypeError('variables are not accepted inside a JSON literal');
  }
}

/** Form data and JSON Schemas travel as JSON: their shape is defined by the programme, not by the API. */
export const jsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: '任意 JSON 值（表单数据、JSON Schema）/ Any JSON value (form data, JSON Schemas)',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
