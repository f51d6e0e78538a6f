import cytoscape from '../vendor/cytoscape.esm.min.mjs';
import dagre from '../vendor/cytoscape-dagre.min.mjs';
import '../vendor/cytoscape-svg.js';
import { api, query } from './api.js';
import { definitions, h, main, pageOf, problemView, replace, setTitle, stateBadge } from './dom.js';

cytoscape.use(dagre);
cytoscape.use(window.cytoscapeSvg);

const typeColours = { job: '#4f6d8f', pipeline: '#7a5195', file: '#3f8f5f', measurement: '#b8860b', sample: '#c06030',
    experiment: '#a04060', experiment_design: '#804080', group: '#606060', dataset: '#2f7f8f', reference: '#8f6f3f' };
const stateColours = { FAILED: '#c0392b', CANCELLED: '#7f8c8d', REJECTED: '#a93226', RUNNING: '#2e86c1', INDEXING: '#2e86c1',
    VALIDATING: '#2e86c1', FINISHED: '#27ae60', VALIDATED: '#1e8449', FINALIZED: '#196f3d', RESET: '#d68910', CREATED: '#5d6d7e', RETIRED: '#95a5a6' };

export async function lineagePage(id)
{
    const address = new URLSearchParams(location.search);
    const settings = { direction: address.get('direction') || 'both', depth: address.get('depth') || '3', as_of: address.get('as_of') || '' };
    setTitle(`Lineage of ${id}`);
    const graph = h('div', { id: 'graph', class: 'graph', 'data-ready': 'false' });
    const details = h('aside', { id: 'node-details', class: 'node-details' }, h('p', { class: 'muted' }, 'Click a node to see it here.'));
    const status = h('p', { id: 'graph-status', class: 'muted' });
    const direction = h('select', { name: 'direction', id: 'direction' }, ['both', 'upstream', 'downstream'].map(d => h('option', { value: d, selected: d === settings.direction }, d)));
    const depth = h('input', { type: 'number', name: 'depth', id: 'depth', min: '1', max: '20', value: settings.depth, class: 'narrow' });
    const slider = h('input', { type: 'range', id: 'as-of', min: '0', max: '0', value: '0', disabled: true });
    const sliderText = h('span', { id: 'as-of-text', class: 'mono' }, 'now');
    const provJson = h('a', { id: 'prov-json', class: 'button-link' }, 'PROV-JSON');
    const provO = h('a', { id: 'prov-o', class: 'button-link' }, 'PROV-O');
    const controls = h('form', { class: 'filters', id: 'lineage-controls' },
        h('label', {}, 'Direction ', direction), h('label', {}, 'Depth ', depth),
        h('label', { class: 'as-of' }, 'As of ', slider, ' ', sliderText),
        h('button', { type: 'button', id: 'fit', onclick: () => cy?.fit(undefined, 30) }, 'Fit'),
        h('button', { type: 'button', id: 'export-png', onclick: () => exportPng() }, 'PNG'),
        h('button', { type: 'button', id: 'export-svg', onclick: () => exportSvg() }, 'SVG'),
        provJson, provO);
    replace(main(), h('h1', {}, 'Lineage of ', h('span', { id: 'lineage-root' }, id)), controls, status, h('div', { class: 'graph-layout' }, graph, details));

    let cy = null;
    let dates = [];
    const apiPath = `/api/v1/lineage/${encodeURIComponent(id)}`;
    const parameters = () => ({ direction: direction.value, depth: depth.value, as_of: settings.as_of || undefined });

    const load = async () =>
    {
        graph.dataset.ready = 'false';
        status.textContent = 'Loading…';
        history.replaceState(null, '', `${location.pathname}${query({ direction: direction.value, depth: depth.value === '3' ? '' : depth.value, as_of: settings.as_of })}`);
        provJson.href = `${apiPath}${query({ ...parameters(), format: 'prov-json' })}`;
        provO.href = `${apiPath}${query({ ...parameters(), format: 'prov-o' })}`;
        const answer = await api(`${apiPath}${query(parameters())}`);
        if (!answer.ok)
        {
            if (answer.status === 404 || !cy)
            {
                replace(main(), problemView(answer.status === 404 ? 'Not found' : 'Lineage not shown', answer));
            }
            else
            {
                status.textContent = answer.message;
            }
            return null;
        }
        const started = performance.now();
        cy?.destroy();
        cy = draw(graph, answer.body, node => showNode(details, node, expand));
        window.catalogLineage = { cy, answer: answer.body };
        await layout(cy);
        graph.dataset.nodes = String(cy.nodes().length);
        graph.dataset.edges = String(cy.edges().length);
        graph.dataset.layoutMs = String(Math.round(performance.now() - started));
        graph.dataset.ready = 'true';
        status.textContent = `${answer.body.nodes.length} nodes, ${answer.body.edges.length} edges${answer.body.truncated ? ' (cut at the catalog\'s limit: narrow the depth or direction)' : ''}` +
            (settings.as_of ? ` as of ${settings.as_of}` : '');
        return answer.body;
    };

    // Adds the lineage around a node to the graph already drawn.
    const expand = async uuid =>
    {
        const answer = await api(`/api/v1/lineage/${encodeURIComponent(uuid)}${query(parameters())}`);
        if (!answer.ok)
        {
            status.textContent = answer.message;
            return;
        }
        graph.dataset.ready = 'false';
        cy.add(elements(answer.body).filter(e => cy.getElementById(e.data.id).empty()));
        await layout(cy);
        graph.dataset.nodes = String(cy.nodes().length);
        graph.dataset.ready = 'true';
        status.textContent = `${cy.nodes().length} nodes, ${cy.edges().length} edges (expanded around ${uuid})`;
    };

    const exportPng = () => cy && download(cy.png({ full: true, output: 'blob', bg: '#ffffff', scale: 2 }), `lineage-${id}.png`);
    const exportSvg = () => cy && download(new Blob([cy.svg({ full: true, bg: '#ffffff' })], { type: 'image/svg+xml' }), `lineage-${id}.svg`);

    direction.addEventListener('change', load);
    depth.addEventListener('change', load);
    slider.addEventListener('input', () => { sliderText.textContent = dates[slider.value] ?? 'now'; });
    slider.addEventListener('change', () =>
    {
        settings.as_of = Number(slider.value) === dates.length - 1 ? '' : dates[slider.value];
        load();
    });

    const answer = await load();
    if (answer)
    {
        dates = await historyDates(answer);
        slider.max = String(dates.length - 1);
        slider.disabled = dates.length < 2;
        const index = settings.as_of ? dates.findIndex(d => d >= settings.as_of) : -1;
        slider.value = String(index < 0 ? dates.length - 1 : index);
        sliderText.textContent = settings.as_of || 'now';
    }
    return () => cy?.destroy();
}

// The dates of the root job's history, oldest first, and "now" last; a root that is not a job has only "now".
async function historyDates(answer)
{
    const root = answer.nodes.find(n => n.uuid === answer.root);
    if (!root || root.type !== 'job')
    {
        return ['now'];
    }
    const job = await api(`/api/v1/jobs/${encodeURIComponent(root.uuid)}`);
    const dates = job.ok ? [...new Set((job.body.history ?? []).map(e => e.date))].sort() : [];
    return [...dates, 'now'];
}

function elements(answer)
{
    const nodes = answer.nodes.map(node =>
    {
        const type = kindOf(node.type);
        return {
            group: 'nodes',
            data: { id: node.uuid, label: nodeLabel(node), type, state: node.state ?? '', root: node.uuid === answer.root ? 'yes' : 'no',
                colour: type === 'job' && stateColours[node.state] ? stateColours[node.state] : typeColours[type] ?? '#555', node },
        };
    });
    const edges = answer.edges.map(edge => ({
        group: 'edges',
        data: { id: `${edge.from}|${edge.relation}|${edge.to}`, source: edge.from, target: edge.to, relation: edge.relation },
    }));
    return [...nodes, ...edges];
}

// The API names a job's UUID type `pipelinejob`; the UI calls it a job.
export function kindOf(type)
{
    const name = String(type ?? '');
    return name === 'pipelinejob' ? 'job' : name.includes('group') ? 'group' : name;
}

function nodeLabel(node)
{
    const label = node.label || node.uuid;
    return label.length > 48 ? `${label.slice(0, 45)}…` : label;
}

function draw(container, answer, select)
{
    const cy = cytoscape({
        container,
        elements: elements(answer),
        wheelSensitivity: 0.3,
        minZoom: 0.05,
        maxZoom: 4,
        style: [
            { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', color: '#1b1f24', 'font-size': 11,
                'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22, 'text-wrap': 'ellipsis', 'text-max-width': 180 } },
            { selector: 'node[type = "job"]', style: { shape: 'round-rectangle', width: 30 } },
            { selector: 'node[type = "file"]', style: { shape: 'rectangle' } },
            { selector: 'node[type = "pipeline"]', style: { shape: 'diamond' } },
            { selector: 'node[root = "yes"]', style: { 'border-width': 4, 'border-color': '#f1c40f' } },
            { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#e67e22' } },
            { selector: 'edge', style: { width: 1.5, 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1', 'target-arrow-shape': 'triangle',
                'curve-style': 'bezier', label: 'data(relation)', 'font-size': 8, color: '#6b7682', 'text-rotation': 'autorotate' } },
        ],
    });
    if (answer.nodes.length > 150)
    {
        // Edge labels cost most of the drawing of a large graph; the relation stays in each node's details.
        cy.style().selector('edge').style({ label: '' }).update();
    }
    cy.on('tap', 'node', event => select(event.target.data('node')));
    return cy;
}

function layout(cy)
{
    return new Promise(resolve =>
    {
        const run = cy.layout({ name: 'dagre', rankDir: 'LR', nodeSep: 12, rankSep: 90, edgeSep: 6, animate: false, fit: true, padding: 30 });
        run.one('layoutstop', () =>
        {
            // A small graph is not blown up to fill the view.
            if (cy.zoom() > 1.4)
            {
                cy.zoom(1.4);
                cy.center();
            }
            resolve();
        });
        run.run();
    });
}

function showNode(panel, node, expand)
{
    replace(panel,
        h('h2', {}, node.label || node.uuid),
        definitions([
            ['Type', node.type], ['UUID', h('span', { class: 'mono' }, node.uuid)], ['State', node.state ? stateBadge(node.state) : null],
            ['Pipeline', node.pipeline ?? node.pipeline_id], ['Path', node.path], ['Storage', node.storage_system], ['Created', node.created],
        ]),
        h('p', {},
            h('a', { href: pageOf(kindOf(node.type), node.uuid), class: 'button-link', id: 'open-node' }, 'Open its page'), ' ',
            h('button', { type: 'button', id: 'expand-node', onclick: () => expand(node.uuid) }, 'Expand its lineage here'), ' ',
            h('a', { href: `/lineage/${encodeURIComponent(node.uuid)}`, class: 'button-link' }, 'Centre on it')));
}

function download(blob, name)
{
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}
