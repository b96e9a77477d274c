"""The FastAPI half of the side-by-side check: the same app as tests/bin/parity_server.rs.

A Rust integer type has a range that Python's `int` lacks; the twin declares it with `Field`
where a case reaches it (fastrs documents and checks the type's range).
"""

from enum import Enum
from typing import Literal, Optional

from fastapi import Body, Cookie, Depends, FastAPI, Header, Query
from fastapi.security import (
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
)
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
