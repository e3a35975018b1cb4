import accessRequest from './access-request/schema.json';
import delivery from './delivery/schema.json';
import invitation from './invitation/schema.json';
import recipient from './recipient/schema.json';
import redemption from './redemption/schema.json';

export default {
  'access-request': { schema: accessRequest },
  delivery: { schema: delivery },
  invitation: { schema: invitation },
  recipient: { schema: recipient },
  redemption: { schema: redemption },
};
