import { describe, expect, it } from 'vitest';
import { explainMotoDifference, KNOWN_MOTO_DIFFERENCES } from '../../local/eventbridge/known-moto-differences.ts';
import { compileEventPattern, InvalidEventPatternError, matchesCompiledPattern, matchesPattern, validatePattern } from '../../local/eventbridge/pattern.ts';

/** An EventBridge envelope around a detail, as the user guide's examples show them. */
function event(detail: Record<string, unknown>, envelope: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '111122223333',
    time: '2017-12-22T18:43:48Z',
    region: 'us-west-1',
    resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
    detail,
    ...envelope,
  };
}

// "Creating event patterns": the EC2 instance-termination example.
const ec2Terminated = event({ 'instance-id': 'i-1234567890abcdef0', state: 'terminated' });
const ec2Pattern = { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } };

// "Matching null values and empty strings": the Auto Scaling example.
const autoscaling = event({ eventVersion: '', responseElements: null }, { source: 'aws.autoscaling', 'detail-type': 'EC2 Instance Launch Successful', resources: [] });

// Event Ruler's README event, which the guide's content-filtering examples are written against.
const rulerEvent = event(
  { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
  { time: '2017-10-02T16:24:49Z', 'detail-type': 'EC2 Instance State-change Notification' },
);

type Row = readonly [name: string, pattern: unknown, event: unknown, expected: boolean];

describe('matchesPattern: "Creating event patterns" and "Arrays"', () => {
  it.each<Row>([
    ['Creating event patterns: EC2 termination example matches', ec2Pattern, ec2Terminated, true],
    ['Creating event patterns: a running instance is not terminated', ec2Pattern, event({ state: 'running' }), false],
    ['Creating event patterns: fields the pattern does not name are ignored', { detail: { state: ['terminated'] } }, ec2Terminated, true],
    ['Creating event patterns: a field named by the pattern must be in the event', { detail: { 'instance-type': ['t2.micro'] } }, ec2Terminated, false],
    ['Matching on multiple field values: "aws.ec2" or "aws.fargate"', { source: ['aws.ec2', 'aws.fargate'] }, event({}, { source: 'aws.fargate' }), true],
    ['Matching on multiple field values: neither listed source', { source: ['aws.ec2', 'aws.fargate'] }, event({}, { source: 'aws.s3' }), false],
    [
      'Arrays: pattern array and event array intersect (resources example)',
      {
        resources: [
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
          'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
        ],
      },
      event(
        {},
        {
          resources: [
            'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
            'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          ],
        },
      ),
      true,
    ],
    ['Arrays: disjoint arrays do not match', { resources: ['arn:aws:ec2:us-east-1:1:instance/x'] }, event({}, { resources: ['arn:aws:ec2:us-east-1:1:instance/y'] }), false],
    ['Arrays: an empty event array matches no value', { resources: ['arn:aws:ec2:us-east-1:1:instance/x'] }, event({}, { resources: [] }), false],
    ['Arrays: objects inside an array are crushed into their parent field', { detail: { items: { name: ['b'] } } }, event({ items: [{ name: 'a' }, { name: 'b' }] }), true],
    [
      'Arrays: values from different elements of one array do not combine (Event Ruler array consistency)',
      { detail: { items: { name: ['a'], size: [2] } } },
      event({ items: [{ name: 'a', size: 1 }, { name: 'b', size: 2 }] }),
      false,
    ],
    ['Arrays: values from the same element combine', { detail: { items: { name: ['b'], size: [2] } } }, event({ items: [{ name: 'a', size: 1 }, { name: 'b', size: 2 }] }), true],
    ['Arrays: multi-level arrays are crushed too', { detail: { tags: ['x'] } }, event({ tags: [['w'], ['x', 'y']] }), true],
  ])('%s', (_, pattern, input, expected) => expect(matchesPattern(pattern, input)).toBe(expected));
});

describe('matchesPattern: "Matching null values and empty strings" and JSON types', () => {
  it.each<Row>([
    ['Null values and empty strings: eventVersion [""] matches the empty string', { detail: { eventVersion: [''] } }, autoscaling, true],
    ['Null values and empty strings: responseElements [null] matches null', { detail: { responseElements: [null] } }, autoscaling, true],
    ['Null values and empty strings: [null] does not match "" (not interchangeable)', { detail: { eventVersion: [null] } }, autoscaling, false],
    ['Null values and empty strings: [""] does not match null (not interchangeable)', { detail: { responseElements: [''] } }, autoscaling, false],
    ['Null values: [null] does not match a missing field', { detail: { userId: [null] } }, autoscaling, false],
    ['JSON types: the number 5 is not the string "5"', { detail: { n: [5] } }, event({ n: '5' }), false],
    ['JSON types: the string "5" is not the number 5', { detail: { n: ['5'] } }, event({ n: 5 }), false],
    ['JSON types: 5 and 5.0 are the same number', { detail: { n: [5] } }, event({ n: 5.0 }), true],
    ['JSON types: 3.018e2 and 301.8 are the same number', { detail: { 'x-limit': [3.018e2] } }, rulerEvent, true],
    ['JSON types: true matches true', { detail: { on: [true] } }, event({ on: true }), true],
    ['JSON types: true is not the string "true"', { detail: { on: [true] } }, event({ on: 'true' }), false],
    ['JSON types: true is not the number 1', { detail: { on: [1] } }, event({ on: true }), false],
    ['JSON types: an object is not a value', { detail: { meta: ['x'] } }, event({ meta: { x: 1 } }), false],
  ])('%s', (_, pattern, input, expected) => expect(matchesPattern(pattern, input)).toBe(expected));
});

describe('matchesPattern: "Comparison operators"', () => {
  it.each<Row>([
    ['And: Location is "New York" and Day is "Monday"', { Location: ['New York'], Day: ['Monday'] }, { Location: 'New York', Day: 'Monday' }, true],
    ['And: one of the two fields differs', { Location: ['New York'], Day: ['Monday'] }, { Location: 'New York', Day: 'Tuesday' }, false],
    ['Anything-but: state is any value besides "initializing"', { detail: { state: [{ 'anything-but': 'initializing' }] } }, rulerEvent, true],
    ['Anything-but: "initializing" itself', { detail: { state: [{ 'anything-but': 'initializing' }] } }, event({ state: 'initializing' }), false],
    ['Anything-but: a missing field matches nothing, not anything-but', { detail: { state: [{ 'anything-but': 'initializing' }] } }, event({}), false],
    ['Anything-but: null is anything but "initializing"', { detail: { state: [{ 'anything-but': 'initializing' }] } }, event({ state: null }), true],
    ['Anything-but matching with a number: x-limit 123', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event({ 'x-limit': 123 }), false],
    ['Anything-but matching with a number: 456', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event({ 'x-limit': 456 }), true],
    ['Anything-but matching with a number: the string "123" is not the number', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event({ 'x-limit': '123' }), true],
    ['Anything-but with a list of strings: "stopped"', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, event({ state: 'stopped' }), false],
    ['Anything-but with a list of strings: "running"', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, rulerEvent, true],
    ['Anything-but with a list of numbers: 200', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, event({ 'x-limit': 200 }), false],
    ['Anything-but with a list of numbers: 301.8', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, rulerEvent, true],
    ['Anything-but: an event array matches when one element is not excluded', { detail: { state: [{ 'anything-but': 'stopped' }] } }, event({ state: ['stopped', 'running'] }), true],
    ['Anything-but: an event array of excluded values does not match', { detail: { state: [{ 'anything-but': 'stopped' }] } }, event({ state: ['stopped', 'stopped'] }), false],
    ['Anything-but (begins with): state without the prefix "init"', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, rulerEvent, true],
    ['Anything-but (begins with): "initializing" has the prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, event({ state: 'initializing' }), false],
    ['Anything-but (begins with): Region is not in the US', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'eu-west-1' }, true],
    ['Anything-but (begins with): a US Region', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'us-east-1' }, false],
    ['Anything-but (begins with): a list of prefixes', { Region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, { Region: 'eu-west-1' }, false],
    ['Anything-but (ends with): FileName does not end with .png', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'photo.jpg' }, true],
    ['Anything-but (ends with): a .png file', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'photo.png' }, false],
    ['Anything-but (ignore case): "INITIALIZING" is a casing of "initializing"', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'INITIALIZING' }, false],
    ['Anything-but (ignore case): "running"', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'running' }, true],
    ['Anything-but (ignore case): a list of values', { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] }, { state: 'STOPPED' }, false],
    ['Anything-but using a wildcard: a path that includes /lib/', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/lib/libc.so' }, false],
    ['Anything-but using a wildcard: a path without /lib/', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/bin/ls' }, true],
    ['Anything-but (any form): a number is not a string to exclude', { FilePath: [{ 'anything-but': { prefix: '/usr' } }] }, { FilePath: 7 }, true],
    ['Begins with: Region is in the US', { Region: [{ prefix: 'us-' }] }, { Region: 'us-east-1' }, true],
    ['Begins with: Region is in Europe', { Region: [{ prefix: 'us-' }] }, { Region: 'eu-west-1' }, false],
    ['Prefix matching: time starts with "2017-10-02"', { time: [{ prefix: '2017-10-02' }] }, event({}, { time: '2017-10-02T18:43:48Z' }), true],
    ['Prefix matching: only string values', { detail: { n: [{ prefix: '1' }] } }, event({ n: 123 }), false],
    ['Begins with (ignore case): service starts with "eventb"', { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, { service: 'EventBridge' }, true],
    ['Begins with (ignore case): another service', { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, { service: 'Lambda' }, false],
    ['Empty: LastName is empty', { LastName: [''] }, { LastName: '' }, true],
    ['Empty: LastName is null', { LastName: [''] }, { LastName: null }, false],
    ['Equals: Name is "Alice"', { Name: ['Alice'] }, { Name: 'Alice' }, true],
    ['Equals: matching is case-sensitive', { Name: ['Alice'] }, { Name: 'alice' }, false],
    ['Equals (ignore case): Name is "alice" in any casing', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'ALICE' }, true],
    ['Equals (ignore case): another name', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'Alicia' }, false],
    ['Ends with: FileName ends with .png', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, true],
    ['Ends with: a .jpg file', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.jpg' }, false],
    ['Ends with (ignore case): service ends with "tBridge"', { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] }, { service: 'EVENTBRIDGE' }, true],
    ['Exists: ProductName exists', { ProductName: [{ exists: true }] }, { ProductName: 'Widget' }, true],
    ['Exists: ProductName is missing', { ProductName: [{ exists: true }] }, { Price: 1 }, false],
    ['Exists: a null value is present', { ProductName: [{ exists: true }] }, { ProductName: null }, true],
    ['Does not exist: ProductName is missing', { ProductName: [{ exists: false }] }, { Price: 1 }, true],
    ['Does not exist: ProductName is present', { ProductName: [{ exists: false }] }, { ProductName: 'Widget' }, false],
    ['Exists matching: detail.state exists in the EC2 pending event', { detail: { state: [{ exists: true }] } }, event({ 'instance-id': 'i-abcd1111', state: 'pending' }), true],
    ['Exists matching: no detail.state field, only c-count', { detail: { state: [{ exists: true }] } }, event({ 'c-count': { c1: 100 } }), false],
    ['Exists matching: exists false matches an event without detail.c-count', { detail: { 'c-count': [{ exists: false }] } }, event({ state: ['initializing', 'running'] }), true],
    ['Exists matching: exists false also matches because c-count is not a leaf node', { detail: { 'c-count': [{ exists: false }] } }, event({ state: ['initializing', 'running'], 'c-count': { c1: 100 } }), true],
    ['Exists matching: exists true does not match an intermediate node', { detail: { 'c-count': [{ exists: true }] } }, event({ 'c-count': { c1: 100 } }), false],
    ['Exists matching: a value or absence, in one list', { detail: { tier: ['gold', { exists: false }] } }, event({}), true],
    ['Not: Weather is anything but "Raining"', { Weather: [{ 'anything-but': ['Raining'] }] }, { Weather: 'Sunny' }, true],
    ['Null: UserID is null', { UserID: [null] }, { UserID: null }, true],
    ['Numeric (equals): Price is 100', { Price: [{ numeric: ['=', 100] }] }, { Price: 100 }, true],
    ['Numeric (equals): the string "100" is not a JSON number', { Price: [{ numeric: ['=', 100] }] }, { Price: '100' }, false],
    ['Numeric (range): Price is more than 10 and at most 20, 20', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 20 }, true],
    ['Numeric (range): 15', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 15 }, true],
    ['Numeric (range): 10 is not more than 10', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 10 }, false],
    ['Numeric (range): 20.5 is more than 20', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 20.5 }, false],
    ['Numeric matching: c-count, d-count and x-limit all hold', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, rulerEvent, true],
    ['Numeric matching: d-count below 3 fails', { detail: { 'd-count': [{ numeric: ['<', 3] }] } }, rulerEvent, false],
    ['Numeric matching: >= and <', { detail: { 'd-count': [{ numeric: ['>=', 3, '<', 4] }] } }, rulerEvent, true],
    ['Numeric matching: six digits to the right of the decimal point', { detail: { n: [{ numeric: ['=', 1.0000001] }] } }, event({ n: 1 }), true],
    ['Numeric matching: limited to values between -5.0e9 and +5.0e9', { detail: { n: [{ numeric: ['>', 0] }] } }, event({ n: 6e9 }), false],
    ['Numeric matching: +5.0e9 inclusive', { detail: { n: [{ numeric: ['>=', 5e9] }] } }, event({ n: 5e9 }), true],
    ['Or: PaymentType is "Credit" or "Debit"', { PaymentType: ['Credit', 'Debit'] }, { PaymentType: 'Debit' }, true],
    ['Or (multiple fields): Location is "New York", or Day is "Monday"', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, { Location: 'Boston', Day: 'Monday' }, true],
    ['Or (multiple fields): neither holds', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, { Location: 'Boston', Day: 'Friday' }, false],
    ['Or (nested): $or inside detail, with another field ANDed', { source: ['aws.ec2'], detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { state: ['running'] }] } }, rulerEvent, true],
    ['Or (nested): an $or alternative holding its own $or', { $or: [{ source: ['aws.s3'] }, { detail: { $or: [{ state: ['stopped'] }, { 'd-count': [3] }] } }] }, rulerEvent, true],
    ['Wildcard: any .png file located within the folder "dir"', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/image.png' }, true],
    ['Wildcard: "*" also spans "/"', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/sub/image.png' }, true],
    ['Wildcard: a .jpg file in dir', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/image.jpg' }, false],
    ['Wildcard: the whole value must match', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'old/dir/image.png' }, false],
    ['Wildcard: several wildcards, event bus ARN example', { EventBusArn: [{ wildcard: 'arn:aws:events:*:123456789012:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' }, true],
    ['Wildcard: an escaped asterisk is a literal "*"', { Text: [{ wildcard: 'a\\*b' }] }, { Text: 'a*b' }, true],
    ['Wildcard: an escaped asterisk matches only "*"', { Text: [{ wildcard: 'a\\*b' }] }, { Text: 'axb' }, false],
    ['Wildcard: an escaped backslash is a literal backslash', { Text: [{ wildcard: 'a\\\\*' }] }, { Text: 'a\\b' }, true],
    ['IP address matching: 10.0.0.0/24 holds 10.0.0.255', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, event({ sourceIPAddress: '10.0.0.255' }), true],
    ['IP address matching: 10.0.1.1 is outside 10.0.0.0/24', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, event({ sourceIPAddress: '10.0.1.1' }), false],
    ['IP address matching: IPv6', { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } }, event({ sourceIPAddress: '2001:DB8:0:0:1::ff' }), true],
    ['IP address matching: IPv6 outside the block', { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } }, event({ sourceIPAddress: '2001:db9::1' }), false],
    ['IP address matching: an IPv4 address is not in an IPv6 block', { detail: { sourceIPAddress: [{ cidr: '::/0' }] } }, event({ sourceIPAddress: '10.0.0.1' }), false],
    ['IP address matching: text that is not an address', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/8' }] } }, event({ sourceIPAddress: '10.0.0.256' }), false],
    [
      'Complex example with multiple matching',
      {
        time: [{ prefix: '2017-10-02' }],
        detail: {
          state: [{ 'anything-but': 'initializing' }],
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ 'anything-but': [100, 200, 300] }],
        },
      },
      rulerEvent,
      true,
    ],
    [
      'Complex example: a key given twice keeps the last one (the guide\'s "location" note)',
      JSON.parse('{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}'),
      event({ location: 'eu-west' }),
      true,
    ],
  ])('%s', (_, pattern, input, expected) => expect(matchesPattern(pattern, input)).toBe(expected));
});

describe('validatePattern', () => {
  it.each([
    ['the documented examples are valid', ec2Pattern],
    ['every operator at once', {
      a: ['x', 1, true, null, ''],
      b: [{ prefix: 'p' }, { prefix: { 'equals-ignore-case': 'P' } }, { suffix: 's' }, { suffix: { 'equals-ignore-case': 'S' } }],
      c: [{ 'equals-ignore-case': 'e' }, { wildcard: 'a*b\\*c\\\\' }, { numeric: ['>=', -1, '<', 5e9] }, { cidr: '::1/128' }, { exists: false }],
      d: [{ 'anything-but': ['x', 'y'] }, { 'anything-but': { wildcard: ['*a', 'b*'] } }, { 'anything-but': { suffix: ['.png'] } }],
      $or: [{ e: ['1'] }, { f: { g: [2] } }],
    }],
  ])('%s', (_, pattern) => expect(validatePattern(pattern)).toEqual([]));

  it.each<readonly [string, unknown, string]>([
    ['a pattern must be an object', ['aws.ec2'], 'pattern: must be a JSON object, got an array'],
    ['a JSON text is not parsed for you', '{"source": ["aws.ec2"]}', 'pattern: must be a JSON object'],
    ['an empty pattern', {}, 'pattern: must not be an empty object'],
    ['"the value to match is in a JSON array"', { source: 'aws.ec2' }, 'source: must be an object (nested fields) or an array (values to match), got the string "aws.ec2"'],
    ['an empty value array', { detail: { state: [] } }, 'detail.state: must not be an empty array'],
    ['an empty nested object', { detail: {} }, 'detail: must not be an empty object'],
    ['an array inside the value array', { detail: { n: [[1]] } }, 'detail.n[0]: a value to match must be a string, number, true, false, null or an operator object, got an array'],
    ['an unknown operator', { detail: { state: [{ contains: 'run' }] } }, 'detail.state[0]: unknown operator "contains"'],
    ['two operators in one object', { detail: { state: [{ prefix: 'a', suffix: 'b' }] } }, 'detail.state[0]: an operator object has exactly one key, got 2 (prefix, suffix)'],
    ['prefix of a number', { time: [{ prefix: 2017 }] }, 'time[0].prefix: must be a string or {"equals-ignore-case": string}, got number 2017'],
    ['prefix with another inner operator', { time: [{ prefix: { suffix: 'x' } }] }, 'time[0].prefix: must be a string or {"equals-ignore-case": string}'],
    ['equals-ignore-case of a number', { Name: [{ 'equals-ignore-case': 1 }] }, 'Name[0].equals-ignore-case: must be a string, got number 1'],
    ['numeric is not an array', { Price: [{ numeric: '>10' }] }, 'Price[0].numeric: must be an array'],
    ['numeric with an unknown comparison', { Price: [{ numeric: ['=>', 10] }] }, 'Price[0].numeric: must start with one of =, <, <=, >, >=; got the string "=>"'],
    ['numeric without a number', { Price: [{ numeric: ['>', '10'] }] }, 'Price[0].numeric: the value after ">" must be a number, got the string "10"'],
    ['numeric range with the upper bound first', { Price: [{ numeric: ['<', 20, '>', 10] }] }, 'Price[0].numeric: only a lower bound (">" or ">=") may be followed by an upper bound'],
    ['numeric range with an empty interval', { Price: [{ numeric: ['>', 20, '<', 10] }] }, 'Price[0].numeric: the lower bound 20 must be less than the upper bound 10'],
    ['numeric beyond +5.0e9', { Price: [{ numeric: ['<', 6e9] }] }, 'Price[0].numeric: 6000000000 is outside the range numeric matching handles'],
    ['numeric with too many terms', { Price: [{ numeric: ['>', 0, '<', 5, '<', 6] }] }, 'Price[0].numeric: a range has 4 elements'],
    ['anything-but with strings and numbers mixed', { x: [{ 'anything-but': ['a', 1] }] }, 'x[0].anything-but: a list may hold only strings or only numbers, not both'],
    ['anything-but of null', { x: [{ 'anything-but': null }] }, 'x[0].anything-but: must be a string, a number, a list of strings or of numbers'],
    ['anything-but list holding a boolean', { x: [{ 'anything-but': ['a', true] }] }, 'x[0].anything-but: a list may hold only strings or only numbers, got boolean true'],
    ['anything-but of an empty list', { x: [{ 'anything-but': [] }] }, 'x[0].anything-but: must not be an empty list'],
    ['anything-but with an unsupported form', { x: [{ 'anything-but': { numeric: ['>', 1] } }] }, 'x[0].anything-but: an object here has exactly one of prefix, suffix, equals-ignore-case, wildcard; got numeric'],
    ['anything-but with an empty prefix', { x: [{ 'anything-but': { prefix: '' } }] }, 'x[0].anything-but.prefix: an empty prefix is not allowed'],
    ['anything-but prefix of a number', { x: [{ 'anything-but': { prefix: 1 } }] }, 'x[0].anything-but.prefix: must be a string or a non-empty list of strings, got number 1'],
    ['exists of a string', { x: [{ exists: 'yes' }] }, 'x[0].exists: must be true or false, got the string "yes"'],
    ['cidr without a prefix length', { ip: [{ cidr: '10.0.0.1' }] }, 'ip[0].cidr: "10.0.0.1" is not a CIDR block: one "/" is required'],
    ['cidr with a bad address', { ip: [{ cidr: '10.0.0.300/24' }] }, 'ip[0].cidr: "10.0.0.300/24" is not a CIDR block: "10.0.0.300" is not an IPv4 or IPv6 address'],
    ['cidr with too long a prefix', { ip: [{ cidr: '2001:db8::/129' }] }, 'ip[0].cidr: "2001:db8::/129" is not a CIDR block: the prefix length must be 0 to 128'],
    ['consecutive wildcard characters', { f: [{ wildcard: 'a**b' }] }, 'f[0].wildcard: "a**b": consecutive wildcard characters are not allowed (position 3)'],
    ['a backslash escaping another character', { f: [{ wildcard: 'a\\b' }] }, 'f[0].wildcard: "a\\\\b": a backslash may only escape "*" or "\\" (position 2)'],
    ['$or with one alternative', { $or: [{ a: ['1'] }] }, '$or: must be an array of at least 2 objects, got 1 element'],
    ['$or that is an object', { $or: { a: ['1'] } }, '$or: must be an array of at least 2 objects, got an object'],
    ['$or holding a string', { $or: [{ a: ['1'] }, 'b'] }, '$or[1]: must be an object, got the string "b"'],
    ['an operator name as a field inside $or', { $or: [{ numeric: [1] }, { a: ['1'] }] }, '$or[0].numeric: "numeric" is an operator name and cannot be a field name inside $or'],
    ['a number that JSON cannot carry', { n: [Number.NaN] }, 'n[0]: a number to match must be finite'],
  ])('rejects %s', (_, pattern, message) => {
    const errors = validatePattern(pattern);
    expect(errors.some((error) => error.startsWith(message)), errors.join('\n')).toBe(true);
  });

  it('reports every mistake, not only the first', () => {
    const errors = validatePattern({ source: 'aws.ec2', detail: { state: [], n: [{ numeric: ['>', 'x'] }] } });
    expect(errors).toHaveLength(3);
  });

  it('matchesPattern throws InvalidEventPatternError naming the bad part', () => {
    const call = (): boolean => matchesPattern({ detail: { state: [{ prefix: 1 }] } }, ec2Terminated);
    expect(call).toThrow(InvalidEventPatternError);
    expect(call).toThrow(/detail\.state\[0\]\.prefix: must be a string/);
  });

  it('a compiled pattern matches as the pattern does', () => {
    const compiled = compileEventPattern(ec2Pattern);
    expect([ec2Terminated, event({ state: 'running' })].map((input) => matchesCompiledPattern(compiled, input))).toEqual([true, false]);
  });
});

describe('where moto differs, the documentation decides', () => {
  it.each(KNOWN_MOTO_DIFFERENCES.map((difference) => [`${difference.id}: ${difference.title}`, difference] as const))('%s', (_, difference) => {
    const input = event(difference.example.detail);
    expect(matchesPattern(difference.example.pattern, input)).toBe(difference.example.matches);
    expect(explainMotoDifference(difference.example.pattern, input)?.id).toBe(difference.id);
  });

  it('a pair without any of those shapes is never explained away', () => {
    expect(explainMotoDifference({ detail: { state: [{ prefix: 'run' }] } }, event({ state: 'running' }))).toBeUndefined();
  });
});
