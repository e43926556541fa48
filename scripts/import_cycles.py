#!/usr/bin/env python3
"""Fails when modules of crates/core import each other in a circle (issue 11): a module may use
its parent (a child is part of it), but two modules that need each other are one concept split
wrongly, or a leaf (error codes, languages) that grew a dependency. Reads `crate::`, `super::`
and `self::` paths outside test modules; prints each circle with its edges."""
import os
import re
import sys
root=sys.argv[1] if len(sys.argv)>1 else 'crates/core/src'
mods={}
for dp,dn,fn in os.walk(root):
    for f in fn:
        if not f.endswith('.rs'): continue
        p=os.path.join(dp,f)
        rel=os.path.relpath(p,root)[:-3]
        parts=rel.split('/')
        if parts[-1] in('mod','lib'): parts=parts[:-1]
        mods['::'.join(parts)]=p
def resolve(cur, path):
    # path like crate::a::b::C or super::x
    segs=path.split('::')
    if segs[0]=='crate': base=[]; segs=segs[1:]
    elif segs[0]=='super':
        base=cur.split('::')[:-1] if cur else []
        segs=segs[1:]
        while segs and segs[0]=='super': base=base[:-1]; segs=segs[1:]
    elif segs[0]=='self': base=cur.split('::'); segs=segs[1:]
    else: return None
    best=None
    for i in range(len(segs),-1,-1):
        m='::'.join(base+segs[:i])
        if m in mods: best=m;break
    return best
edges={m:set() for m in mods}
for m,p in mods.items():
    s=open(p).read()
    # drop test modules
    s=re.split(r'#\[cfg\(test\)\]\s*mod tests',s)[0]
    for mm in re.finditer(r'\b((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+)',s):
        t=resolve(m if not p.endswith('mod.rs') else m+'::x', mm.group(1)) if True else None
        if t and t!=m and not m.startswith(t+'::') and t!='':
            edges[m].add(t)
# tarjan
idx={};low={};st=[];on=set();res=[];c=[0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
    for w in edges[v]:
        if w not in idx: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],idx[w])
    if low[v]==idx[v]:
        comp=[]
        while True:
            w=st.pop();on.discard(w);comp.append(w)
            if w==v:break
        if len(comp)>1: res.append(sorted(comp))
for v in edges:
    if v not in idx: sc(v)

for r in res:
    print("import circle:", " <-> ".join(r), file=sys.stderr)
    for m in r:
        print("  ", m, "->", ", ".join(sorted(e for e in edges[m] if e in r)), file=sys.stderr)
sys.exit(1 if res else 0)
