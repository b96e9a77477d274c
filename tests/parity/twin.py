"""The FastAPI half of the side-by-side check: the same app as tests/bin/parity_server.rs.

A Rust integer type has a range that Python's `int` lacks; the twin declares it with `Field`
where a case reaches it (fastrs documents and checks the type's range).
"""

import os
from collections.abc import AsyncIterable
from enum import Enum
from typing import Literal, Optional

from fastapi import (
    Body,
    Cookie,
    Depends,
    FastAPI,
    File,
    Form,
    Header,
    HTTPException,
    Query,
    UploadFile,
)
from fastapi.security import (
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
)
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel, Field

I32 = dict(ge=-(2**31), le=2**31 - 1)
I64 = dict(ge=-(2**63), le=2**63 - 1)
U32 = dict(ge=0, le=2**32 - 1)

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float


class Project(BaseModel):
    project_id: int = Field(**I64)


class Rules(BaseModel):
    zeta: str = Field(min_length=3)
    alpha: str = Field(min_length=3)
    mid: str = Field(min_length=3)


class Page(BaseModel):
    limit: int = Field(ge=1, le=100)


class Measure(BaseModel):
    value: float


class Color(str, Enum):
    red = "red"
    green = "green"


@app.get("/bounded")
def bounded(limit: int = Query(ge=1, le=100)):
    return {"limit": limit}


@app.get("/bounded64")
def bounded64(offset: int = Query(ge=0, le=1000)):
    return {"offset": offset}


@app.get("/scalars")
def scalars(
    i: Optional[int] = Query(None, **I32),
    f: Optional[float] = None,
    b: Optional[bool] = None,
    color: Optional[Color] = None,
):
    return {"i": i, "f": f, "b": b, "color": color}


@app.post("/projects")
def projects(p: Project):
    return p


@app.post("/items")
def items(item: Item):
    return item


@app.post("/several")
def several(item: Item, importance: int = Body(**I32)):
    return {"item": item, "importance": importance}


@app.post("/defaulted")
def defaulted(item: Item, importance: int = Body(3, **I32)):
    return {"item": item, "importance": importance}


@app.post("/optional")
def optional(item: Optional[Item] = None):
    return item


@app.post("/count")
def count(importance: int = Body(**I32)):
    return {"importance": importance}


@app.post("/rules")
def rules(r: Rules):
    return r


class Coded(BaseModel):
    code: str = Field(pattern="^[A-Z]{3}$")
    count: int = Field(**I64)


@app.post("/coded")
def coded(c: Coded):
    return c


@app.get("/worded")
def worded(word: str = Query(max_length=5, pattern="^[a-z]+$")):
    return {"word": word}


@app.post("/page")
def page(p: Page, size: int = Body(ge=1, le=100)):
    return {"limit": p.limit, "size": size}


@app.post("/measure")
def measure(m: Measure):
    return {"value": str(m.value)}


@app.get("/basic")
def basic(c: HTTPBasicCredentials = Depends(HTTPBasic())):
    return {"user": c.username}


@app.get("/bearer")
def bearer(c: HTTPAuthorizationCredentials = Depends(HTTPBearer())):
    return {"token": c.credentials}


@app.get("/sorted")
def sorted_(order_by: Literal["created_at", "updated_at"] = "created_at"):
    return {"order_by": order_by}


@app.get("/files/{file_path:path}")
def files(file_path: str):
    return {"file_path": file_path}


@app.get("/headers")
def headers(
    x_token: Optional[str] = Header(None),
    x_ids: list[int] = Header(),
    session: Optional[str] = Cookie(None),
):
    return {"x_token": x_token, "x_ids": x_ids, "session": session}


# FastAPI's tutorial on response-model filters.
class StoredItem(BaseModel):
    name: str
    description: Optional[str] = None
    price: float
    tax: float = 10.5
    tags: list[str] = []


STORE = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
}


def stored(item_id: str) -> dict:
    if item_id not in STORE:
        raise HTTPException(status_code=404, detail="Item not found")
    return STORE[item_id]


@app.get("/store/unset/{item_id}", response_model=StoredItem, response_model_exclude_unset=True)
def store_unset(item_id: str):
    return stored(item_id)


@app.get("/store/defaults/{item_id}", response_model=StoredItem, response_model_exclude_defaults=True)
def store_defaults(item_id: str):
    return stored(item_id)


@app.get("/store/none/{item_id}", response_model=StoredItem, response_model_exclude_none=True)
def store_none(item_id: str):
    return stored(item_id)


@app.get("/store/include/{item_id}", response_model=StoredItem, response_model_include={"name", "description"})
def store_include(item_id: str):
    return stored(item_id)


@app.get("/store/exclude/{item_id}", response_model=StoredItem, response_model_exclude={"tax"})
def store_exclude(item_id: str):
    return stored(item_id)


@app.get("/store/all", response_model=list[StoredItem], response_model_exclude_unset=True)
def store_all():
    return list(STORE.values())


@app.post("/store/echo", response_model=StoredItem, response_model_exclude_unset=True)
def store_echo(item: StoredItem):
    return item


def text(n: int) -> str:
    return ("abcdefghij" * (n // 10 + 1))[:n]


@app.get("/gzip/text/{n}")
def gzip_text(n: int):
    return PlainTextResponse(text(n))


@app.get("/gzip/json/{n}")
def gzip_json(n: int):
    return {"text": text(n)}


@app.get("/gzip/with/{kind}/{n}")
def gzip_with(kind: str, n: int):
    headers = {
        "png": {"content-type": "image/png"},
        "svg": {"content-type": "image/svg+xml"},
        "encoded": {"content-encoding": "identity"},
        "vary": {"vary": "Origin"},
    }.get(kind, {})
    status = 206 if kind == "partial" else 200
    return PlainTextResponse(text(n), status_code=status, headers=headers)


@app.get("/gzip/stream/{count}/{size}")
def gzip_stream(count: int, size: int):
    return StreamingResponse(
        (text(size) for _ in range(count)), media_type="text/plain; charset=utf-8"
    )


class UnicornException(Exception):
    def __init__(self, name: str):
        self.name = name


@app.exception_handler(UnicornException)
async def unicorn_exception_handler(request, exc: UnicornException):
    return JSONResponse(
        status_code=418,
        content={"message": f"Oops! {exc.name} did something. There goes a rainbow..."},
    )


@app.get("/unicorns/{name}")
def read_unicorn(name: str):
    if name == "yolo":
        raise UnicornException(name=name)
    return {"unicorn_name": name}


def rider(rider: str):
    if rider == "nobody":
        raise UnicornException(name=rider)
    return rider


@app.get("/ride")
def ride(rider: str = Depends(rider)):
    return {"rider": rider}


@app.get("/raise/{code}")
def raise_status(code: int):
    raise HTTPException(status_code=code, detail=f"status {code}", headers={"x-kept": "yes"})


# Uploads (tests/parity/uploads.py).


@app.post("/up/file")
async def up_file(file: UploadFile):
    data = await file.read()
    return {
        "filename": file.filename,
        "content_type": file.content_type,
        "size": file.size,
        "head": data[:8].decode("latin-1"),
    }


@app.post("/up/files")
async def up_files(files: list[UploadFile], note: str = Form()):
    return {"names": [f.filename for f in files], "sizes": [f.size for f in files], "note": note}


@app.post("/up/maybe")
async def up_maybe(file: Optional[UploadFile] = None, note: Optional[str] = Form(None)):
    return {"got": file.filename if file else None, "note": note}


@app.post("/up/limited", form_limits={"max_files": 2, "max_fields": 2, "max_part_size": 1024})
async def up_limited(files: list[UploadFile] = File([]), note: Optional[str] = Form(None)):
    return {"files": len(files), "note": note}


@app.post("/up/form")
async def up_form(username: str = Form(), tags: list[str] = Form([])):
    return {"username": username, "tags": tags}


# Streams (tests/parity/compare.py).


@app.get("/stream/jsonl")
async def stream_jsonl() -> AsyncIterable[Item]:
    yield Item(name="a", price=1)
    yield Item(name="b\nc", price=2.5)


@app.get("/stream/sse", response_class=EventSourceResponse)
async def stream_sse(last_event_id: Optional[int] = Header(None)):
    yield ServerSentEvent(data=["y\nz"], event="upd", id="7", retry=100, comment="c1\nc2")
    yield ServerSentEvent(raw_data="line1\r\nline2\rline3")
    yield ServerSentEvent(comment="only")
    yield ServerSentEvent(data="hello")
    yield ServerSentEvent(raw_data=f"after {last_event_id}", id="8")


@app.get("/stream/sse-items", response_class=EventSourceResponse)
async def stream_sse_items() -> AsyncIterable[Item]:
    yield Item(name="i", price=3)
    yield Item(name="j\nk", price=0.5)


@app.get("/stream/text")
def stream_text():
    return StreamingResponse(iter(["a", "b", "c"]), media_type="text/plain")


# Files (tests/parity/files.py): the fixture directory is $FASTRS_PARITY_FILES.
FILES = os.environ.get("FASTRS_PARITY_FILES")
if FILES:
    from fastapi.responses import FileResponse, RedirectResponse
    from fastapi.staticfiles import StaticFiles

    @app.get("/file/{name}")
    def file(name: str, as_name: Optional[str] = None):
        return FileResponse(os.path.join(FILES, "public", name), filename=as_name)

    @app.get("/go")
    def go(to: str):
        return RedirectResponse(to)

    app.mount("/static", StaticFiles(directory=os.path.join(FILES, "public")))
    app.mount("/site", StaticFiles(directory=os.path.join(FILES, "site"), html=True))


async def text_file(file: UploadFile):
    if not (file.content_type or "").startswith("text/"):
        raise HTTPException(status_code=415, detail="A text file, please")
    return file


@app.post("/up/checked")
async def up_checked(file: UploadFile = Depends(text_file), note: str = Form()):
    return {"filename": file.filename, "note": note}
