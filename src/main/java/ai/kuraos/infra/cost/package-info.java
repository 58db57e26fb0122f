/**
 * What a stack costs a month: a price sheet shipped with the program, per-stack usage assumptions, the estimate of each
 * resource of a rendered plan, and the change in cost between two plans. Figures are list-price estimates, not a bill.
 */
package ai.kuraos.infra.cost;
