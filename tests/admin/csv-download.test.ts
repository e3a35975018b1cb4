import { fetchClientReadsFiles } from '../../admin/src/utils/direct-download';

test.each([
  ['5.44.0', true],
  ['5.54.0', true],
  ['5.100.1', true],
  ['6.0.0-beta.1', true],
  ['5.43.9', false],
  ['5.13.0', false],
  ['5.0.0', false],
  [null, true],
  ['', true],
])('Strapi %j: the fetch client reads files: %s', (version, expected) => {
  expect(fetchClientReadsFiles(version)).toBe(expected);
});
