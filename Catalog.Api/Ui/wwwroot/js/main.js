import { h, main, replace, setTitle } from './dom.js';
import { adminKeyWidget } from './admin.js';
import { jobsPage } from './jobs.js';
import { jobPage } from './job.js';
import { lineagePage } from './lineage.js';
import { pipelinePage, pipelinesPage } from './pipelines.js';
import { groupPage, groupsPage } from './groups.js';
import { searchPage } from './search.js';

// Each address of the UI and the view that draws it; the server answers all of them with this same page.
const routes = [
    [/^\/(?:jobs)?\/?$/i, () => jobsPage()],
    [/^\/jobs\/([^/]+)\/?$/i, id => jobPage(id)],
    [/^\/lineage\/([^/]+)\/?$/i, id => lineagePage(id)],
    [/^\/pipelines\/?$/i, () => pipelinesPage()],
    [/^\/pipelines\/([^/]+)\/?$/i, id => pipelinePage(id)],
    [/^\/groups\/?$/i, () => groupsPage()],
    [/^\/groups\/([^/]+)\/?$/i, id => groupPage(id)],
    [/^\/search\/?$/i, () => searchPage()],
];

let stopCurrent = null;

export async function render()
{
    if (stopCurrent)
    {
        stopCurrent();
        stopCurrent = null;
    }
    const path = location.pathname;
    for (const [pattern, page] of routes)
    {
        const match = pattern.exec(path);
        if (match)
        {
            highlightNav(path);
            const id = match[1] === undefined ? null : decode(match[1]);
            stopCurrent = (await page(id)) ?? null;
            return;
        }
    }
    setTitle('Not found');
    replace(main(), h('section', { class: 'problem', 'data-status': '404' }, h('h1', {}, 'No page here'),
        h('p', { class: 'problem-detail' }, `The catalog has no page at ${path}.`),
        h('p', {}, 'Try ', h('a', { href: '/jobs' }, 'the jobs'), ', ', h('a', { href: '/search' }, 'search'), ' or ',
            h('a', { href: '/docs' }, 'the API reference'), '.')));
}

function decode(segment)
{
    try
    {
        return decodeURIComponent(segment);
    }
    catch
    {
        return segment;
    }
}

function highlightNav(path)
{
    const section = path.split('/')[1] || 'jobs';
    for (const link of document.querySelectorAll('[data-nav]'))
    {
        link.classList.toggle('current', link.dataset.nav === (section === 'lineage' ? 'jobs' : section));
    }
}

window.addEventListener('popstate', () => render());
adminKeyWidget(document.getElementById('admin-key'), () => render());
render();
