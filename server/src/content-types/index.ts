import delivery from './delivery/schema.json';
import invitation from './invitation/schema.json';
import redemption from './redemption/schema.json';

export default {
  delivery: { schema: delivery },
  invitation: { schema: invitation },
  redemption: { schema: redemption },
};
