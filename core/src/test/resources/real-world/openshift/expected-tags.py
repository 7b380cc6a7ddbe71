# Independent reading of the real-world manifests, per OpenShift's documented semantics, to produce the expected tags.
import json, os, re, sys, yaml
root = sys.argv[1]
def docs(path):
    text = open(path, encoding='utf-8').read()
    if text.lstrip().startswith('{'):
        return [json.loads(text)]
    return [d for d in yaml.safe_load_all(text) if d is not None]
def norm(ref):
    first = ref.split('/')[0]
    if '/' not in ref or ('.' not in first and ':' not in first and first != 'localhost'):
        ref = 'docker.io/' + ('library/' + ref if '/' not in ref else ref)
    last = ref.split('/')[-1]
    if ':' not in last and '@' not in last:
        ref += ':latest'  # the default tag of a pull spec
    return ref
def fill(node, params):
    if isinstance(node, str):
        def rep(m):
            n = m.group(1) or m.group(2)
            return params.get(n, m.group(0))
        return re.sub(r'\$\{\{([A-Za-z0-9_]+)\}\}|\$\{([A-Za-z0-9_]+)\}', rep, node)
    if isinstance(node, dict): return {k: fill(v, params) for k, v in node.items()}
    if isinstance(node, list): return [fill(v, params) for v in node]
    return node
def streams(doc):
    k = doc.get('kind')
    if k == 'ImageStream': return [doc]
    if k in ('List', 'ImageStreamList'): return [i for i in doc.get('items') or [] if i.get('kind') == 'ImageStream']
    if k == 'Template':
        params = {p['name']: p.get('value', '') for p in doc.get('parameters') or []}
        return [fill(o, params) for o in doc.get('objects') or [] if o.get('kind') == 'ImageStream']
    return []
lines = []
for dirpath, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        if f.endswith('.md') or f.endswith('.txt'): continue
        path = os.path.join(dirpath, f); rel = os.path.relpath(path, root)
        for doc in docs(path):
            for s in streams(doc):
                md = s.get('metadata') or {}
                ns = md.get('namespace') or 'default'; name = md['name']
                spec = s.get('spec') or {}
                repo = spec.get('dockerImageRepository') or ''
                tags = spec.get('tags') or []
                if not tags:
                    lines.append(f"{rel}: {ns}/{name} has no tags")
                for t in tags:
                    fr = t.get('from'); ann = t.get('annotations') or {}
                    alias = ''
                    if fr:
                        kind = fr.get('kind', 'DockerImage'); n = fr['name']; fns = fr.get('namespace') or ns
                        if kind == 'DockerImage': src = 'DockerImage ' + norm(n)
                        else:
                            if ':' not in n: n = name + ':' + n
                            src = kind + ' ' + fns + '/' + n
                            if kind == 'ImageStreamTag' and fns == ns and n.split(':')[0] == name: alias = ' alias'
                    elif repo:
                        src = 'DockerImage ' + norm(repo + ':' + t['name'])
                    else:
                        src = 'no source'
                    mode = (t.get('importPolicy') or {}).get('importMode') or ''
                    if not mode:
                        mode = 'Legacy' if any(a.startswith('importer.image.openshift.io/prefer-') for a in ann) else 'PreserveOriginal'
                    lines.append(f"{rel}: {ns}/{name}:{t['name']} <- {src}{alias} {mode}")
print('\n'.join(lines))
