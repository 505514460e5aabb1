import { pointerSegment, problem, type Problem } from '../problem.ts';
import { propertiesOf } from '../format/schema-paths.ts';
import type { JsonSchema, LoadedForm, Programme } from '../format/types.ts';
import { planObject, resolveLocalRef, type ObjectPlan } from '../validate/form-plan.ts';
import { expressionBudgetProblem } from './expression-meaning.ts';
import { checkFormReferences, type ApplicationScope } from './expression-scope.ts';

/** Names that form expressions use for their own purposes; a field with one would be hidden. */
const RESERVED_IN_FORMS = ['root', 'application'];
/** Task-form expressions also see the button pressed as `outcome`. */
const RESERVED_IN_TASK_FORMS = [...RESERVED_IN_FORMS, 'outcome'];

/**
 * Checks of one form beyond "it compiles": every name an `x-` expression reads exists, no field
 * hides a reserved name, `x-organisation` names a declared role, the UI schema names real fields.
 */
export function checkForm(form: LoadedForm, programme: Programme, scope: ApplicationScope, options: { taskForm?: boolean } = {}): Problem[] {
  const found: Problem[] = [];
  const reservedNames = options.taskForm ? RESERVED_IN_TASK_FORMS : RESERVED_IN_FORMS;
  const extraNames = options.taskForm ? ['outcome'] : [];
  const file = form.ref.schema;
  const plan = planObject(form.schema, form.schema, '', []);
  walkPlan(plan, (level) => {
    for (const field of [...level.computed, ...level.fillable, ...level.required]) {
      for (const message of checkFormReferences(field.expression, [...level.properties, ...extraNames], form.schema, scope)) {
        found.push(problem(file, 'SB_CHECK_UNKNOWN_NAME', message, { pointer: field.schemaPointer }));
      }
      const budget = expressionBudgetProblem(field.expression);
      if (budget) found.push(problem(file, 'SB_CHECK_EXPRESSION_BUDGET', budget, { pointer: field.schemaPointer }));
    }
    for (const reserved of reservedNames) {
      if (level.properties.includes(reserved)) {
        found.push(problem(file, 'SB_CHECK_RESERVED_NAME', {
          zh: `字段不能命名为“${reserved}”：表达式中它另有含义`,
          en: `A field cannot be called "${reserved}": expressions use that name`,
        }));
      }
    }
  });

  const roles = programme.manifest.roles;
  walkSchema(form.schema, '', (node, pointer) => {
    const organisation = node['x-organisation'] as { role?: unknown } | undefined;
    if (organisation && typeof organisation.role === 'string' && !(organisation.role in roles)) {
      found.push(problem(file, 'SB_CHECK_UNKNOWN_ROLE', {
        zh: `x-organisation 的角色“${organisation.role}”未在 programme.json 中声明`,
        en: `x-organisation names role "${organisation.role}", which programme.json does not declare`,
      }, { pointer: `${pointer}/x-organisation/role` }));
    }
  });

  if (form.ui && form.ref.ui) found.push(...checkUiSchema(form.ui, form.schema, form.schema, '', form.ref.ui));
  return found;
}

function walkPlan(plan: ObjectPlan, visit: (level: ObjectPlan) => void): void {
  visit(plan);
  for (const child of plan.children) walkPlan(child.plan, visit);
}

/** Visits every subschema object (properties, items, $defs, combinators). */
export function walkSchema(node: unknown, pointer: string, visit: (node: Record<string, unknown>, pointer: string) => void, depth = 0): void {
  if (typeof node !== 'object' || node === null || depth > 64) return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => walkSchema(item, `${pointer}/${i}`, visit, depth + 1));
    return;
  }
  const record = node as Record<string, unknown>;
  visit(record, pointer);
  for (const key of ['properties', '$defs', 'definitions', 'patternProperties']) {
    const map = record[key];
    if (typeof map === 'object' && map !== null) {
      for (const [name, child] of Object.entries(map)) walkSchema(child, `${pointer}/${key}/${pointerSegment(name)}`, visit, depth + 1);
    }
  }
  for (const key of ['items', 'additionalProperties', 'if', 'then', 'else', 'not', 'allOf', 'anyOf', 'oneOf']) {
    if (key in record) walkSchema(record[key], `${pointer}/${key}`, visit, depth + 1);
  }
}

/** A UI schema may only describe fields the form has (`ui:` keys aside); `ui:order` too. */
function checkUiSchema(ui: Record<string, unknown>, schema: Record<string, unknown>, root: JsonSchema, pointer: string, file: string): Problem[] {
  const found: Problem[] = [];
  const isTable = schema.type === 'array' || schema.items !== undefined;
  // rjsf describes a table's columns under `items`, never directly.
  const properties = isTable ? {} : propertiesOf(schema, root);
  const order = ui['ui:order'];
  if (Array.isArray(order) && properties) {
    order.forEach((name, i) => {
      if (name !== '*' && !(String(name) in properties)) {
        found.push(problem(file, 'SB_CHECK_UI_UNKNOWN_FIELD', {
          zh: `ui:order 中的“${String(name)}”不是表单字段`,
          en: `ui:order lists "${String(name)}", which is not a field of the form`,
        }, { pointer: `${pointer}/ui:order/${i}` }));
      }
    });
  }
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith('ui:')) continue;
    const childPointer = `${pointer}/${pointerSegment(key)}`;
    if (key === 'items' && isTable) {
      const items = resolveLocalRef(schema.items, root) ?? {};
      if (typeof value === 'object' && value !== null) found.push(...checkUiSchema(value as Record<string, unknown>, items, root, childPointer, file));
      continue;
    }
    if (!properties) continue; // free-form object: nothing to compare with
    if (!(key in properties)) {
      found.push(problem(file, 'SB_CHECK_UI_UNKNOWN_FIELD', {
        zh: `界面配置中的“${key}”不是表单字段`,
        en: `The UI schema describes "${key}", which is not a field of the form`,
      }, { pointer: childPointer }));
      continue;
    }
    const target = resolveLocalRef(properties[key], root);
    if (target && typeof value === 'object' && value !== null) {
      found.push(...checkUiSchema(value as Record<string, unknown>, target, root, childPointer, file));
    }
  }
  return found;
}
