import { useState, type FormEvent, type ReactNode } from 'react';
import { api, enc } from './api';
import { useI18n } from './i18n';
import { Busy, Field, FormProblem, endOfLocalDay, localDateAfter, useSubmit } from './ui';

/** The forms that act on one task; used by the task page and the unit inbox. */

type Done = () => void;

function ActionForm({ title, testId, onSubmit, form, children, submitLabel }: {
  title: string; testId: string; onSubmit: (e: FormEvent) => void; form: ReturnType<typeof useSubmit>; children?: ReactNode; submitLabel: string;
}) {
  return (
    <form className="form action-form" onSubmit={onSubmit} noValidate data-testid={testId}>
      <h3>{title}</h3>
      {children}
      <FormProblem error={form.error} />
      <div className="actions">
        <Busy busy={form.busy}>{submitLabel}</Busy>
      </div>
    </form>
  );
}

export function AcceptDecline({ taskId, onDone }: { taskId: string; onDone: Done }) {
  const { t } = useI18n();
  const accept = useSubmit();
  const decline = useSubmit();
  const [reason, setReason] = useState('');
  const [declining, setDeclining] = useState(false);
  return (
    <div className="accept-decline" data-testid="accept-decline">
      <div className="actions">
        <button className="primary" disabled={accept.busy} data-testid="accept" onClick={async () => (await accept.run((k) => api.command(`/tasks/${enc(taskId)}/accept`, {}, k))) && onDone()}>
          {accept.busy ? t('saving') : t('accept')}
        </button>
        <button className="danger" onClick={() => setDeclining(!declining)} data-testid="decline-open">
          {t('decline')}
        </button>
      </div>
      <FormProblem error={accept.error} />
      {declining && (
        <ActionForm
          title={t('decline')}
          testId="decline-form"
          form={decline}
          submitLabel={t('decline')}
          onSubmit={async (e) => {
            e.preventDefault();
            if (await decline.run((k) => api.command(`/tasks/${enc(taskId)}/decline`, { reason }, k))) onDone();
          }}
        >
          <Field label={t('declineReason')} errors={decline.errorsOf('reason')}>
            <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </ActionForm>
      )}
    </div>
  );
}

export function ProgressForm({ taskId, onDone }: { taskId: string; onDone: Done }) {
  const { t } = useI18n();
  const form = useSubmit();
  const [summary, setSummary] = useState('');
  const [percent, setPercent] = useState('');
  return (
    <ActionForm title={t('reportProgress')} testId="progress-form" form={form} submitLabel={t('reportProgress')} onSubmit={async (e) => {
      e.preventDefault();
      const body = { summary, ...(percent === '' ? {} : { percentComplete: Number(percent) }) };
      if (await form.run((k) => api.command(`/tasks/${enc(taskId)}/progress`, body, k))) {
        setSummary('');
        onDone();
      }
    }}>
      <Field label={t('summary')} errors={form.errorsOf('summary')}><textarea name="summary" value={summary} onChange={(e) => setSummary(e.target.value)} /></Field>
      <Field label={t('percent')} errors={form.errorsOf('percentComplete')}><input name="percentComplete" inputMode="numeric" value={percent} onChange={(e) => setPercent(e.target.value)} /></Field>
    </ActionForm>
  );
}

export function CompleteForm({ taskId, onDone }: { taskId: string; onDone: Done }) {
  const { t } = useI18n();
  const form = useSubmit();
  const [summary, setSummary] = useState('');
  const [uri, setUri] = useState('');
  const [kind, setKind] = useState('photo');
  return (
    <ActionForm title={t('reportCompletion')} testId="complete-form" form={form} submitLabel={t('reportCompletion')} onSubmit={async (e) => {
      e.preventDefault();
      const body = { summary, evidence: uri ? [{ kind, uri }] : [] };
      if (await form.run((k) => api.command(`/tasks/${enc(taskId)}/complete`, body, k))) onDone();
    }}>
      <Field label={t('summary')} errors={form.errorsOf('summary')}><textarea name="summary" value={summary} onChange={(e) => setSummary(e.target.value)} /></Field>
      <div className="grid2">
        <Field label={t('type')} errors={form.errorsOf('evidence.0.kind')}>
          <select name="evidenceKind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {['photo', 'document', 'link', 'other'].map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </Field>
        <Field label={t('evidenceUri')} errors={form.errorsOf('evidence')}><input name="evidenceUri" value={uri} onChange={(e) => setUri(e.target.value)} placeholder="https://…" /></Field>
      </div>
    </ActionForm>
  );
}

export function VerifyForm({ taskId, onDone }: { taskId: string; onDone: Done }) {
  const { t } = useI18n();
  const verify = useSubmit();
  const reject = useSubmit();
  const [note, setNote] = useState('');
  return (
    <ActionForm title={t('verify')} testId="verify-form" form={verify} submitLabel={t('verify')} onSubmit={async (e) => {
      e.preventDefault();
      if (await verify.run((k) => api.command(`/tasks/${enc(taskId)}/verify`, note ? { note } : {}, k))) onDone();
    }}>
      <Field label={`${t('verifyNote')} / ${t('reason')}`} errors={[...verify.errorsOf('note'), ...reject.errorsOf('reason')]}>
        <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <FormProblem error={reject.error} />
      <button type="button" className="danger" disabled={reject.busy} onClick={async () => (await reject.run((k) => api.command(`/tasks/${enc(taskId)}/reject-completion`, { reason: note }, k))) && onDone()}>
        {t('rejectCompletion')}
      </button>
    </ActionForm>
  );
}

export function EscalateForm({ taskId, onDone }: { taskId: string; onDone: Done }) {
  const { t } = useI18n();
  const form = useSubmit();
  const [kind, setKind] = useState<'department' | 'street'>('department');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionForm title={t('escalate')} testId="escalate-form" form={form} submitLabel={t('escalate')} onSubmit={async (e) => {
      e.preventDefault();
      const to = kind === 'department' ? { kind, departmentId: target } : { kind, streetId: target };
      if (await form.run((k) => api.command(`/tasks/${enc(taskId)}/escalate`, { to, reason }, k))) onDone();
    }}>
      <div className="grid2">
        <Field label={t('escalateTo')} errors={form.errorsOf('to.kind')}>
          <select name="toKind" value={kind} onChange={(e) => setKind(e.target.value as 'department' | 'street')}>
            <option value="department">{t('department')}</option>
            <option value="street">{t('street')}</option>
          </select>
        </Field>
        <Field label={kind === 'department' ? t('departmentId') : t('streetId2')} errors={[...form.errorsOf('to.departmentId'), ...form.errorsOf('to.streetId')]}>
          <input name="target" value={target} onChange={(e) => setTarget(e.target.value)} />
        </Field>
      </div>
      <Field label={t('reason')} errors={form.errorsOf('reason')}><textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} /></Field>
    </ActionForm>
  );
}

/** 责任单位、责任人、完成时限: the assignment fields, shared by matching and the task page's assign form. */
export interface AssignmentValue {
  unitId: string;
  name: string;
  phone: string;
  deadline: string;
}

export const emptyAssignment = (unitId = ''): AssignmentValue => ({ unitId, name: '', phone: '', deadline: localDateAfter(30) });

export const assignmentBody = (a: AssignmentValue) => ({
  responsibleUnitId: a.unitId,
  responsiblePerson: { name: a.name, ...(a.phone ? { phone: a.phone } : {}) },
  deadline: a.deadline ? endOfLocalDay(a.deadline) : '',
});

export function AssignmentFields({ value, onChange, errorsOf, prefix = 'assignment.' }: {
  value: AssignmentValue; onChange: (v: AssignmentValue) => void; errorsOf: (f: string) => string[]; prefix?: string;
}) {
  const { t } = useI18n();
  const set = (k: keyof AssignmentValue) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <>
      <Field label={t('responsibleUnit')} errors={errorsOf(`${prefix}responsibleUnitId`)}><input name="responsibleUnitId" value={value.unitId} onChange={set('unitId')} /></Field>
      <div className="grid2">
        <Field label={t('responsiblePerson')} errors={errorsOf(`${prefix}responsiblePerson.name`)}><input name="responsiblePersonName" value={value.name} onChange={set('name')} /></Field>
        <Field label={t('phone')} errors={errorsOf(`${prefix}responsiblePerson.phone`)}><input name="responsiblePersonPhone" value={value.phone} onChange={set('phone')} /></Field>
      </div>
      <Field label={t('deadline')} errors={errorsOf(`${prefix}deadline`)}><input name="deadline" type="date" value={value.deadline} onChange={set('deadline')} /></Field>
    </>
  );
}

export function AssignForm({ taskId, onDone }: { taskId: string; onDone: Done }) {
  const { t } = useI18n();
  const form = useSubmit();
  const [a, setA] = useState(emptyAssignment());
  return (
    <ActionForm title={t('assigned')} testId="assign-form" form={form} submitLabel={t('submit')} onSubmit={async (e) => {
      e.preventDefault();
      if (await form.run((k) => api.command(`/tasks/${enc(taskId)}/assign`, assignmentBody(a), k))) onDone();
    }}>
      <AssignmentFields value={a} onChange={setA} errorsOf={form.errorsOf} prefix="" />
    </ActionForm>
  );
}

/** 申请延期 (the unit) */
export function ExtensionRequestForm({ taskId, onDone }: { taskId: string; onDone: Done }) {
  const { t } = useI18n();
  const form = useSubmit();
  const [date, setDate] = useState(localDateAfter(60));
  const [reason, setReason] = useState('');
  return (
    <ActionForm title={t('extension')} testId="extension-form" form={form} submitLabel={t('extension')} onSubmit={async (e) => {
      e.preventDefault();
      if (await form.run((k) => api.command(`/tasks/${enc(taskId)}/extension-request`, { requestedDeadline: date ? endOfLocalDay(date) : '', reason }, k))) onDone();
    }}>
      <Field label={t('deadline')} errors={form.errorsOf('requestedDeadline')}><input name="requestedDeadline" type="date" value={date} onChange={(e) => setDate(e.target.value)} /></Field>
      <Field label={t('reason')} errors={form.errorsOf('reason')}><textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} /></Field>
    </ActionForm>
  );
}

/** 同意 / 不同意延期 (the community) */
export function ExtensionDecisionForm({ taskId, requested, onDone }: { taskId: string; requested: { requestedDeadline: string; reason: string }; onDone: Done }) {
  const { t, due } = useI18n();
  const grant = useSubmit();
  const refuse = useSubmit();
  const [reason, setReason] = useState('');
  return (
    <ActionForm title={`${t('extension')}: ${due(requested.requestedDeadline)}`} testId="extension-decision" form={grant} submitLabel={t('grant')} onSubmit={async (e) => {
      e.preventDefault();
      if (await grant.run((k) => api.command(`/tasks/${enc(taskId)}/extension/grant`, {}, k))) onDone();
    }}>
      <p>{requested.reason}</p>
      <Field label={t('reason')} errors={refuse.errorsOf('reason')}><textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} /></Field>
      <FormProblem error={refuse.error} />
      <button type="button" className="danger" disabled={refuse.busy} onClick={async () => (await refuse.run((k) => api.command(`/tasks/${enc(taskId)}/extension/refuse`, { reason }, k))) && onDone()}>
        {t('refuse')}
      </button>
    </ActionForm>
  );
}

/** 取消项目 (the community; its allocations are released) */
export function CancelTaskForm({ taskId, onDone }: { taskId: string; onDone: Done }) {
  const { t } = useI18n();
  const form = useSubmit();
  const [reason, setReason] = useState('');
  return (
    <details className="add">
      <summary>{t('cancelTask')}</summary>
      <ActionForm title={t('cancelTask')} testId="cancel-form" form={form} submitLabel={t('cancelTask')} onSubmit={async (e) => {
        e.preventDefault();
        if (await form.run((k) => api.command(`/tasks/${enc(taskId)}/cancel`, { reason }, k))) onDone();
      }}>
        <Field label={t('reason')} errors={form.errorsOf('reason')}><textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} /></Field>
      </ActionForm>
    </details>
  );
}
