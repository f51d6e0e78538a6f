namespace Catalog.Core;
