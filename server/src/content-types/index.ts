import invitation from './invitation/schema.json';
import redemption from './redemption/schema.json';

export default {
  invitation: { schema: invitation },
  redemption: { schema: redemption },
};
