import { api, query } from './api.js';
import { h, main, pageOf, pager, replace, setTitle, table } from './dom.js';

const types = ['', 'job', 'file', 'pipeline', 'dataset'];

export async function searchPage()
{
    const address = new URLSearchParams(location.search);
    const text = address.get('q') ?? '';
    const type = address.get('type') ?? '';
    setTitle(text ? `Search ${text}` : 'Search');
    const form = h('form', { class: 'filters', id: 'search-form', action: '/search', method: 'get' },
        h('label', {}, 'Find ', h('input', { type: 'search', name: 'q', value: text, autofocus: true })),
        h('label', {}, 'Among ', h('select', { name: 'type' }, types.map(t => h('option', { value: t, selected: t === type }, t || 'everything')))),
        h('button', { type: 'submit' }, 'Search'));
    if (!text.trim())
    {
        replace(main(), h('h1', {}, 'Search'), form, h('p', { class: 'muted' }, 'Jobs (identifiers, tags, labels, notes, owner, pipeline), files (path, file id), pipelines and datasets.'));
        return;
    }
    const answer = await api(`/api/v1/search${query({ q: text, type, limit: 50, after: address.get('after') })}`);
    let results;
    if (!answer.ok)
    {
        results = h('p', { class: 'problem-detail' }, answer.message);
    }
    else
    {
        const hits = answer.body.items ?? [];
        const next = new URLSearchParams(address);
        next.set('after', answer.body.next ?? '');
        results = h('div', {},
            hits.length
                ? table(['Type', 'Found', 'Matched'], hits.map(hit => h('tr', { 'data-uuid': hit.uuid, 'data-type': hit.type },
                    h('td', {}, hit.type), h('td', {}, h('a', { href: pageOf(hit.type, hit.uuid) }, hit.label ?? hit.uuid), h('div', { class: 'muted mono' }, hit.uuid)),
                    h('td', {}, hit.matched ?? ''))), { id: 'search-results' })
                : h('p', { class: 'empty' }, `Nothing matches “${text}”.`),
            pager(answer.body.next && `/search?${next}`));
    }
    replace(main(), h('h1', {}, 'Search'), form, results);
}
