import { api, query } from './api.js';
import { definitions, h, main, pager, problemView, replace, setTitle, stateBadge, table, time } from './dom.js';

export async function groupsPage()
{
    setTitle('Groups');
    const address = new URLSearchParams(location.search);
    const answer = await api(`/api/v1/groups${query({ limit: 100, after: address.get('after') })}`);
    if (!answer.ok)
    {
        replace(main(), problemView('Groups not shown', answer));
        return;
    }
    const groups = answer.body.items ?? [];
    replace(main(), h('h1', {}, 'Groups'),
        groups.length
            ? table(['State', 'Name', 'Kind', 'Owner', 'Members', 'Updated'], groups.map(g => h('tr', { 'data-uuid': g.uuid },
                h('td', {}, stateBadge(g.state)), h('td', {}, h('a', { href: `/groups/${encodeURIComponent(g.uuid)}` }, g.name ?? g.uuid)),
                h('td', {}, g.kind ?? ''), h('td', {}, g.owner ?? ''), h('td', {}, g.member_count ?? ''), h('td', {}, time(g.updated)))), { id: 'groups' })
            : h('p', { class: 'empty' }, 'No group yet.'),
        pager(answer.body.next && `/groups?after=${encodeURIComponent(answer.body.next)}`));
}

export async function groupPage(id)
{
    const answer = await api(`/api/v1/groups/${encodeURIComponent(id)}`);
    if (!answer.ok)
    {
        setTitle('Group not found');
        replace(main(), problemView(answer.status === 404 ? 'Group not found' : 'Group not shown', answer));
        return;
    }
    const group = answer.body;
    setTitle(`Group ${group.name ?? group.uuid}`);
    const members = group.members ?? [];
    replace(main(),
        h('h1', { id: 'group-name' }, group.name ?? group.uuid),
        h('p', {}, stateBadge(group.state), ' ', h('span', { class: 'mono' }, group.uuid)),
        definitions([
            ['Kind', group.kind], ['Owner', group.owner], ['Created', time(group.created)], ['Updated', time(group.updated)],
            ['By state', Object.entries(group.counts ?? {}).map(([state, count]) => h('span', { class: 'tag' }, `${state}: ${count}`))],
            ['Lineage', h('a', { href: `/lineage/${encodeURIComponent(group.uuid)}` }, 'graph')],
        ]),
        h('h2', {}, 'Members'),
        members.length
            ? table(['#', 'State', 'Job', 'Pipeline', 'Updated'], members.map(m => h('tr', { 'data-uuid': m.uuid },
                h('td', {}, m.position ?? ''), h('td', {}, stateBadge(m.state), m.deleted ? h('span', { class: 'flag' }, 'hidden') : null),
                h('td', {}, h('a', { href: `/jobs/${encodeURIComponent(m.uuid)}`, class: 'mono' }, m.uuid)),
                h('td', {}, m.pipeline_uuid ? h('a', { href: `/pipelines/${encodeURIComponent(m.pipeline_uuid)}`, class: 'mono' }, m.pipeline_uuid) : ''),
                h('td', {}, time(m.updated)))), { id: 'members' })
            : h('p', { class: 'empty' }, 'No member yet.'));
}
