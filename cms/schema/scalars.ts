/** The custom scalars grapple's schema declares, with graphene's serialisation rules. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * grapple's PositiveInt: an Int >= 0. A negative literal fails validation (HTTP 400), like graphene's
 * `parse_literal` returning None.
 */
export const PositiveInt = new GraphQLScalarType({
  name: 'PositiveInt',
  serialize: (value) => value,
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new GraphQLError(`PositiveInt cannot represent value: ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new GraphQLError(`PositiveInt cannot represent non-integer value`);
    const value = Number(ast.value);
    if (value < 0) throw new GraphQLError(`PositiveInt cannot represent a negative value: ${ast.value}`);
    return value;
  },
});

/** Dates travel as the ISO strings the store already holds (`2024-03-01T09:12:44.120000+00:00`). */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => value,
  parseValue: (value) => value,
});

export const UUID = new GraphQLScalarType({
  name: 'UUID',
  serialize: (value) => value,
  parseValue: (value) => value,
});

/** graphene's JSONString: the value is serialised to a JSON string. */
export const JSONString = new GraphQLScalarType({
  name: 'JSONString',
  serialize: (value) => JSON.stringify(value),
  parseValue: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
});

/** grapple's RichText: a String holding front-end HTML (expanded by the resolvers). */
export const RichText = new GraphQLScalarType({
  name: 'RichText',
  serialize: (value) => value,
  parseValue: (value) => value,
});

export const scalarResolvers = { PositiveInt, DateTime, UUID, JSONString, RichText };
