/**
 * State dicts that come from files: keys named after Object.prototype members are ordinary keys
 * to loadStateDict (reported as unexpected, never mistaken for present).
 */
import * as torch from 'cresset';

const { nn } = torch;

test('Module.loadStateDict reports "toString" and "constructor" as unexpected keys', () => {
  const m = new nn.Linear(2, 1);
  const sd: Record<string, torch.Tensor> = Object.create(null);
  Object.assign(sd, m.stateDict());
  sd['toString'] = torch.zeros(1);
  sd['constructor'] = torch.zeros(1);
  expect(() => m.loadStateDict(sd)).toThrow('Error(s) in loading state_dict for Linear:\n\tUnexpected key(s) in state_dict: "toString", "constructor". ');
  expect(m.loadStateDict(sd, { strict: false }).unexpectedKeys).toEqual(['toString', 'constructor']);
});
