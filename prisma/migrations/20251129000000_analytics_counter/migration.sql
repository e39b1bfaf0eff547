-- CreateTable
CREATE TABLE "analytics_counter" (
    "bucket" TIMESTAMPTZ(0) NOT NULL,
    "kind" TEXT NOT NULL,
    "flow_id" TEXT NOT NULL DEFAULT '',
    "flow_version" TEXT NOT NULL DEFAULT '',
    "node" TEXT NOT NULL DEFAULT '',
    "option" TEXT NOT NULL DEFAULT '',
    "next_node" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '',
    "directory" TEXT NOT NULL DEFAULT '',
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT '',
    "country" TEXT NOT NULL DEFAULT '',
    "campaign" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    CONSTRAINT "analytics_counter_pkey" PRIMARY KEY ("bucket","kind","flow_id","flow_version","node","option","next_node","detail","directory","channel","locale","country","campaign")
);
