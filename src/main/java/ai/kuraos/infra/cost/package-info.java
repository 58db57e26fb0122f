/**
 * What a stack costs a month: a price sheet shipped with the program, the estimate of each resource of a rendered plan
 * under the stack's usage assumptions ({@code usage}), and the change in cost between two plans. Figures are list-price
 * estimates, not a bill.
 */
package ai.kuraos.infra.cost;
