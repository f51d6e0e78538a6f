import { adminKey } from './api.js';
import { h, replace } from './dom.js';

// The admin key lives in this tab's sessionStorage only, and is sent as `Authorization: Bearer` by admin actions.
export function adminKeyWidget(container, changed)
{
    const draw = () =>
    {
        if (adminKey.get())
        {
            replace(container, h('span', { class: 'muted' }, 'Admin key set'), ' ',
                h('button', { type: 'button', id: 'admin-key-forget', onclick: () => { adminKey.set(''); draw(); changed(); } }, 'Forget'));
            return;
        }
        const input = h('input', { type: 'password', id: 'admin-key-input', autocomplete: 'off', placeholder: 'Admin key', 'aria-label': 'Admin key' });
        const form = h('form', { id: 'admin-key-form' }, input, ' ', h('button', { type: 'submit' }, 'Use'));
        form.addEventListener('submit', event =>
        {
            event.preventDefault();
            adminKey.set(input.value.trim());
            draw();
            changed();
        });
        replace(container, form);
    };
    draw();
}

// A modal confirmation naming what will happen; resolves with the reason typed (possibly empty) or null when cancelled.
export function confirmAction({ title, lines, confirmLabel, withReason })
{
    return new Promise(resolve =>
    {
        const reason = withReason ? h('input', { type: 'text', id: 'confirm-reason', maxlength: '1024', placeholder: 'optional; kept in the audit log' }) : null;
        const dialog = h('dialog', { id: 'confirm-dialog', class: 'confirm' },
            h('form', { method: 'dialog' },
                h('h2', {}, title),
                lines.map(line => h('p', {}, line)),
                reason ? h('label', {}, 'Reason ', reason) : null,
                h('div', { class: 'dialog-buttons' },
                    h('button', { value: 'cancel', id: 'confirm-cancel' }, 'Cancel'),
                    h('button', { value: 'confirm', id: 'confirm-ok', class: 'danger' }, confirmLabel))));
        dialog.addEventListener('close', () =>
        {
            const confirmed = dialog.returnValue === 'confirm';
            const text = reason ? reason.value.trim() : '';
            dialog.remove();
            resolve(confirmed ? text : null);
        });
        document.body.append(dialog);
        dialog.showModal();
    });
}
