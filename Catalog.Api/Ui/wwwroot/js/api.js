// The catalog's HTTP API, as the pages use it: every answer comes back as {ok, status, body, message}, a problem's
// detail as the message, and a catalog that does not answer as status 0 with a plain message.
const adminKeyName = 'catalog-admin-key';

export const adminKey = {
    get: () => sessionStorage.getItem(adminKeyName) ?? '',
    set: key => key ? sessionStorage.setItem(adminKeyName, key) : sessionStorage.removeItem(adminKeyName),
};

export function query(parameters)
{
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters))
    {
        for (const item of Array.isArray(value) ? value : [value])
        {
            if (item !== null && item !== undefined && item !== '')
            {
                search.append(name, item);
            }
        }
    }
    const text = search.toString();
    return text ? `?${text}` : '';
}

export async function api(path, { method = 'GET', admin = false, body } = {})
{
    const headers = { Accept: 'application/json' };
    if (admin && adminKey.get())
    {
        headers.Authorization = `Bearer ${adminKey.get()}`;
    }
    if (body !== undefined)
    {
        headers['Content-Type'] = 'application/json';
    }
    let response;
    try
    {
        response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    }
    catch (error)
    {
        return { ok: false, status: 0, body: null, message: `The catalog does not answer (${error.message}). Is it running?` };
    }
    const text = await response.text();
    let parsed = null;
    try
    {
        parsed = text ? JSON.parse(text) : null;
    }
    catch
    {
        parsed = text;
    }
    const message = response.ok ? '' : problemMessage(response, parsed);
    return { ok: response.ok, status: response.status, body: parsed, message };
}

function problemMessage(response, body)
{
    if (body && typeof body === 'object')
    {
        const detail = body.detail ?? body.title;
        if (detail)
        {
            return `${response.status} ${body.title && body.detail ? `${body.title}: ` : ''}${detail}`;
        }
    }
    if (response.status === 503)
    {
        return '503: the catalog cannot reach its database just now; try again in a moment.';
    }
    return `${response.status} ${response.statusText}`.trim();
}
