// Builds elements from data without ever parsing it as HTML: text goes in as text nodes, attributes one by one.
export function h(tag, attributes, ...children)
{
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {}))
    {
        if (value === null || value === undefined || value === false)
        {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function')
        {
            element.addEventListener(name.slice(2), value);
        }
        else if (name === 'class')
        {
            element.className = value;
        }
        else
        {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

export function append(parent, children)
{
    for (const child of children.flat(Infinity))
    {
        if (child === null || child === undefined || child === false)
        {
            continue;
        }
        parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return parent;
}

export function replace(parent, ...children)
{
    parent.replaceChildren();
    return append(parent, children);
}

export const main = () => document.getElementById('main');

export function stateBadge(state)
{
    const name = String(state ?? 'unknown');
    return h('span', { class: `state state-${name.toLowerCase().replace(/[^a-z]/g, '')}`, 'data-state': name }, name);
}

export function time(value)
{
    if (!value)
    {
        return '';
    }
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : h('time', { datetime: value, title: value }, date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}

export function json(value)
{
    return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

export function definitions(rows)
{
    return h('dl', { class: 'fields' }, rows.filter(([, value]) => value !== null && value !== undefined && value !== '' &&
        !(Array.isArray(value) && value.length === 0)).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

export function table(headings, rows, attributes)
{
    return h('table', attributes ?? {}, h('thead', {}, h('tr', {}, headings.map(text => h('th', {}, text)))),
        h('tbody', {}, rows));
}

/** The link to a list's next page, or nothing when the answer was its last page. */
export function pager(href)
{
    return href ? h('nav', { class: 'pager' }, h('a', { href, class: 'button-link' }, 'Next page')) : null;
}

export function problemView(title, answer)
{
    return h('section', { class: 'problem', 'data-status': answer?.status ?? '' }, h('h1', {}, title),
        h('p', { class: 'problem-detail' }, answer?.message ?? ''));
}

export function setTitle(text)
{
    document.title = `${text} · Catalog`;
}

// Links of the UI for a node of the catalog, by its type.
export function pageOf(type, uuid)
{
    const id = encodeURIComponent(uuid);
    switch (type)
    {
        case 'job': return `/jobs/${id}`;
        case 'pipeline': return `/pipelines/${id}`;
        case 'group': return `/groups/${id}`;
        default: return `/lineage/${id}`;
    }
}
