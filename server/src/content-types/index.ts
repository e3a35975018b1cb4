import delivery from './delivery/schema.json';
import invitation from './invitation/schema.json';
import recipient from './recipient/schema.json';
import redemption from './redemption/schema.json';

export default {
  delivery: { schema: delivery },
  invitation: { schema: invitation },
  recipient: { schema: recipient },
  redemption: { schema: redemption },
};
