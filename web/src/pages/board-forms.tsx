import { useState, type FormEvent } from 'react';
import { api, enc } from '../api';
import { useI18n } from '../i18n';
import { STAFF_ROLES, useSession } from '../session';
import { Busy, Field, FormProblem, endOfLocalDay, localDateAfter, useSubmit } from '../ui';

/** Record a need (and, for the community's staff, list it at once). */
export function NewNeedForm({ communityId, onDone }: { communityId: string; onDone: () => void }) {
  const { t, label } = useI18n();
  const [v, setV] = useState({ title: '', publicTitle: '', description: '', category: '', urgency: 'normal', beneficiaries: '', address: '', name: '', phone: '' });
  const form = useSubmit();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(async (key) => {
      const made = await api.command(`/communities/${enc(communityId)}/needs`, {
        source: 'community',
        title: v.title,
        description: v.description,
        category: v.category,
        urgency: v.urgency,
        beneficiaries: { description: v.beneficiaries },
        location: v.address ? { address: v.address } : {},
        requester: { name: v.name, ...(v.phone ? { phone: v.phone } : {}) },
      }, key);
      // a title or description holding personal data is listed under a public title the secretary confirms
      if (v.publicTitle.trim()) await api.command(`/needs/${enc(made.id)}/public-title`, { publicTitle: v.publicTitle }, `${key}:public-title`);
      await api.command(`/needs/${enc(made.id)}/list`, undefined, `${key}:list`);
      return true;
    });
    if (ok) {
      setV({ ...v, title: '', publicTitle: '', description: '' });
      onDone();
    }
  };
  return (
    <details className="add">
      <summary>+ {t('needs')}</summary>
      <form onSubmit={submit} className="form" noValidate data-testid="need-form">
        <Field label={t('title')} errors={form.errorsOf('title')}><input name="title" value={v.title} onChange={set('title')} /></Field>
        <Field label={t('publicTitle')} errors={form.errorsOf('publicTitle')}><input name="publicTitle" value={v.publicTitle} onChange={set('publicTitle')} /></Field>
        <Field label={t('description')} errors={form.errorsOf('description')}><textarea name="description" value={v.description} onChange={set('description')} /></Field>
        <div className="grid2">
          <Field label={t('category')} errors={form.errorsOf('category')}><input name="category" value={v.category} onChange={set('category')} /></Field>
          <Field label={t('urgency')} errors={form.errorsOf('urgency')}>
            <select name="urgency" value={v.urgency} onChange={set('urgency')}>
              {['urgent', 'high', 'normal', 'low'].map((u) => <option key={u} value={u}>{label(u)}</option>)}
            </select>
          </Field>
        </div>
        <Field label={t('beneficiaries')} errors={form.errorsOf('beneficiaries')}><input name="beneficiaries" value={v.beneficiaries} onChange={set('beneficiaries')} /></Field>
        <Field label={t('address')} errors={form.errorsOf('location')}><input name="address" value={v.address} onChange={set('address')} /></Field>
        <div className="grid2">
          <Field label={t('requester')} errors={form.errorsOf('requester.name')}><input name="requesterName" value={v.name} onChange={set('name')} /></Field>
          <Field label={t('phone')} errors={form.errorsOf('requester.phone')}><input name="requesterPhone" value={v.phone} onChange={set('phone')} /></Field>
        </div>
        <FormProblem error={form.error} />
        <div className="actions"><Busy busy={form.busy}>{t('submit')}</Busy></div>
      </form>
    </details>
  );
}

/** A unit's pledge (资源): the unit contact pledges for its unit; the community's staff confirm it onto the list. */
export function NewPledgeForm({ communityId, onDone }: { communityId: string; onDone: () => void }) {
  const { t, label } = useI18n();
  const s = useSession();
  const ownUnit = s.scopes('unit_contact')[0] ?? '';
  const staff = s.scopes(...STAFF_ROLES).includes(communityId);
  const [v, setV] = useState({ unitId: ownUnit, type: 'volunteers', description: '', quantity: '', measure: '', until: localDateAfter(365), name: '', phone: '' });
  const form = useSubmit();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(async (key) => {
      const made = await api.command(`/communities/${enc(communityId)}/pledges`, {
        pledger: { kind: 'unit', unitId: v.unitId },
        type: v.type,
        description: v.description,
        capacity: { quantity: v.quantity === '' ? undefined : Number(v.quantity), measure: v.measure },
        availability: { from: new Date().toISOString(), until: v.until ? endOfLocalDay(v.until) : null },
        contact: { name: v.name, ...(v.phone ? { phone: v.phone } : {}) },
      }, key);
      if (staff) await api.command(`/pledges/${enc(made.id)}/confirm`, {}, `${key}:confirm`);
      return true;
    });
    if (ok) {
      setV({ ...v, description: '', quantity: '' });
      onDone();
    }
  };
  return (
    <details className="add">
      <summary>+ {t('resources')}</summary>
      <form onSubmit={submit} className="form" noValidate data-testid="pledge-form">
        <div className="grid2">
          <Field label={t('unitId')} errors={form.errorsOf('pledger')}><input name="unitId" value={v.unitId} onChange={set('unitId')} readOnly={!staff && !!ownUnit} /></Field>
          <Field label={t('type')} errors={form.errorsOf('type')}>
            <select name="type" value={v.type} onChange={set('type')}>
              {['venue', 'funds', 'volunteers', 'professional_service', 'materials', 'other'].map((x) => <option key={x} value={x}>{label(x)}</option>)}
            </select>
          </Field>
        </div>
        <Field label={t('description')} errors={form.errorsOf('description')}><input name="description" value={v.description} onChange={set('description')} /></Field>
        <div className="grid2">
          <Field label={t('quantity')} errors={form.errorsOf('capacity.quantity')}><input name="quantity" inputMode="decimal" value={v.quantity} onChange={set('quantity')} /></Field>
          <Field label={t('measure')} errors={form.errorsOf('capacity.measure')}><input name="measure" placeholder="m2, volunteer-hours, CNY" value={v.measure} onChange={set('measure')} /></Field>
        </div>
        <Field label={t('availableUntil')} errors={form.errorsOf('availability')}><input name="until" type="date" value={v.until} onChange={set('until')} /></Field>
        <div className="grid2">
          <Field label={t('contactPerson')} errors={form.errorsOf('contact.name')}><input name="contactName" value={v.name} onChange={set('name')} /></Field>
          <Field label={t('phone')} errors={form.errorsOf('contact.phone')}><input name="contactPhone" value={v.phone} onChange={set('phone')} /></Field>
        </div>
        <FormProblem error={form.error} />
        <div className="actions"><Busy busy={form.busy}>{t('submit')}</Busy></div>
      </form>
    </details>
  );
}
