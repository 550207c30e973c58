// The order shop's pricing rules, deployed as the Lambda function named by orders.pricing-function (nodejs20.x).
// 10 % off orders of 100 or more. Amounts are computed in cents and answered as JSON numbers.
exports.handler = async (order, context) => {
  const cents = order.lines.reduce((sum, line) => sum + line.quantity * Math.round(line.unitPrice * 100), 0);
  const discount = cents >= 10000 ? Math.round(cents / 10) : 0;
  return { total: (cents - discount) / 100, discount: discount / 100, pricedBy: context.functionName };
};
