"""WPB Assistant web app (placeholder until the chat app): index status, first-run build, citation lookup.

Run with `streamlit run app.py` (bound to 127.0.0.1 by .streamlit/config.toml).
"""

from __future__ import annotations

import streamlit as st

from index.reader import Index, IndexUnavailable
from ingest.citation import citation_label
from ingest.pipeline import run_ingest
from ingest.tidy import wide_view
from retriever.lookup import lookup, not_found_message
from wpb.settings import Settings

st.set_page_config(page_title="WPB Assistant", page_icon="📘", layout="wide")
settings = Settings()
target = settings.store_target()


def build_index(force: bool = False) -> None:
    bar = st.progress(0.0, text="Building the index…")
    run_ingest(
        settings.corpus_dir,
        settings.data_dir,
        settings.embedder,
        target,
        force=force,
        dense_languages=settings.dense_languages,
        progress=lambda stage, done, total: bar.progress(done / total if total else 1.0, text=stage),
    )
    bar.empty()


@st.cache_resource(show_spinner=False)
def load_index(build_id: str) -> Index:  # keyed by build id: a rebuild loads the new one
    return Index(settings.data_dir, target)


def current_index() -> Index:
    try:
        probe = Index(settings.data_dir, target)
    except IndexUnavailable:
        st.info("First start: building the index from corpus/ (about 20 s on a 2-core machine).")
        build_index()
        probe = Index(settings.data_dir, target)
    return load_index(probe.build_id)


st.title("WPB Assistant")
st.caption(
    "UN-Habitat Work Programme and Budget for 2020 (HSP/EB.1/2/Rev.1): the official Chinese text, "
    "with the project's unofficial English rendering"
)
index = current_index()

with st.sidebar:
    st.subheader("Index")
    st.write(f"Build `{index.build_id}`")
    st.write(
        f"{index.build['counts']['paragraph']} paragraphs, {index.build['counts']['table']} tables, "
        f"{index.build['chunks']} chunks; embedder `{index.build['embedder']}`"
    )
    if st.button("Rebuild index"):
        build_index(force=True)
        st.rerun()

reference = st.text_input("Open a citation", placeholder="¶59 · 第 59 段 · 表 3.0 · Table 1.5A · Annex I")
if reference.strip():
    unit = lookup(index.document, reference)
    if unit is None:
        st.warning(not_found_message(index.document, reference))
    else:
        st.subheader(citation_label(unit))
        st.caption(" › ".join(unit.section) + f" · source lines {unit.line_start}-{unit.line_end}")
        if unit.kind == "table":
            st.write(unit.title + (f" ({unit.table.unit})" if unit.table and unit.table.unit else ""))
            st.dataframe(wide_view(index.tables, unit.id, values="raw"), use_container_width=True)
        else:
            st.text(unit.text)
            for document in index.documents[1:]:
                rendered = document.get(unit.kind, unit.id)
                if rendered is not None:
                    st.caption(index.status(document.language))
                    st.text(rendered.text)
