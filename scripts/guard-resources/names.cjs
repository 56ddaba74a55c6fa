// @ts-check
'use strict';
/**
 * The logical ids the guard's resources are named by: osls's own naming of a function key, so that
 * serverless.yml's `role: <Fn>Role` and `!GetAtt <Fn>Queue.Arn` name what the generator creates.
 */

/**
 * osls's logical-id normalisation (provider.naming.normalizeName{,WithoutDashes} for function keys):
 * `stream` -> `Stream`, `my-fn` -> `MyDashfn`.
 * @param {string} functionKey
 */
function logicalName(functionKey) {
  const name = functionKey.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * `{ 'Fn::GetAtt': [logicalId, attribute] }`.
 * @param {string} logicalId
 * @param {string} [attribute]
 */
function getAtt(logicalId, attribute = 'Arn') {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

module.exports = { logicalName, getAtt };
